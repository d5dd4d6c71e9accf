import { migrateTo2 } from './migration-2';
import { migrateTo3 } from './migration-3';
import { inTransaction, SCHEMA_V1, type SqlDb } from './sql';

/**
 * The sync database's numbered migrations: version N is MIGRATIONS[N - 1], each run once in its
 * own transaction (each has an N-1 → N test). Run by the server and by `oa` on open, whichever
 * comes first; the version is read again inside the transaction, so two processes never both run one.
 */
const MIGRATIONS: ReadonlyArray<(db: SqlDb) => void> = [(db) => db.exec(SCHEMA_V1), migrateTo2, migrateTo3];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaTooNew extends Error {}

export function schemaVersion(db: SqlDb): number {
  const table = db.prepare(`SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (!table) return 0;
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema'`).get() as { value?: unknown } | undefined;
  return Number(row?.value ?? 0) || 0;
}

/** Brings the database to SCHEMA_VERSION (or `upTo`, for migration tests). */
export function migrate(db: SqlDb, upTo = SCHEMA_VERSION): void {
  const found = schemaVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new SchemaTooNew(`同步数据库的版本(${found})高于本程序支持的版本(${SCHEMA_VERSION}),请升级同步服务器和 oa 工具`);
  }
  for (let version = found + 1; version <= upTo; version++) {
    inTransaction(db, () => {
      if (schemaVersion(db) >= version) return;
      MIGRATIONS[version - 1]!(db);
      db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)`).run(String(version));
    });
  }
}
