import type { Database } from 'better-sqlite3';

/**
 * One schema step. `up` runs inside a transaction together with the `user_version` bump, so a
 * failing migration leaves the file exactly as it was.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Migrations that add or change projection or search tables call this: the tables are derived
 * data, so the store rebuilds them from the update log the next time it opens.
 */
export function requestReindex(db: Database): void {
  db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('needs_reindex', '1')").run();
}
