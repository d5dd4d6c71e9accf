import type { Database } from 'better-sqlite3';
import { firstDamage } from '../../node-shared/sqlite-health';
import { corruptStore } from './errors';

/** A full check reads every page (2–6 ms per MB), so a cleanly closed profile is checked weekly, not at every start. */
export const CHECK_EVERY_MS = 7 * 24 * 3600 * 1000;
const OPEN_KEY = 'session_open';
const CHECKED_KEY = 'integrity_checked_at';

/**
 * Before anything is written at open: reads every page (`PRAGMA quick_check`) when the last
 * session did not close cleanly (a crash, a power cut, a copy taken while the app ran), the last
 * check is over a week old, or there was none. Damage → STORE_CORRUPT naming the file; nothing
 * has been written. Returns whether the file is known sound now (checked, or new and empty).
 */
export function checkAtOpen(db: Database, file: string, now: number): boolean {
  let state: Map<string, string>;
  try {
    const rows = db.prepare(`SELECT key, value FROM meta WHERE key IN ('${OPEN_KEY}', '${CHECKED_KEY}')`).all() as Array<{ key: string; value: string }>;
    state = new Map(rows.map((r) => [r.key, r.value]));
  } catch (err) {
    // No meta table yet: a new file, sound by construction (counted as checked). Anything else
    // (a damaged page) is the caller's to map.
    if (/no such table: meta/.test(err instanceof Error ? err.message : '')) return true;
    throw err;
  }
  const checkedAt = Date.parse(state.get(CHECKED_KEY) ?? '');
  const due = state.get(OPEN_KEY) !== '0' || !(now - checkedAt <= CHECK_EVERY_MS);
  if (!due) return false;
  const damage = firstDamage(db);
  if (damage) throw corruptStore(file, damage);
  return true;
}

/** After migrations: the session is open (a crash leaves it so), and when it was last checked. */
export function markOpen(db: Database, checked: boolean, now: number): void {
  // A file migrated only up to version 0 (migration tests) has no meta table.
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get()) return;
  const put = db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
  db.transaction(() => {
    put.run(OPEN_KEY, '1');
    if (checked) put.run(CHECKED_KEY, new Date(now).toISOString());
  })();
}

/** A clean close: the next open need not read every page. */
export function markClosed(db: Database): void {
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(OPEN_KEY, '0');
}
