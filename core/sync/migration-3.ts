import type { SqlDb } from './sql';

/**
 * Version 3: the 编号 service's allocations (sync-server/numbers). One row per number handed out:
 * unique per series (a 机关代字, or `收文:<unit>` for 收文号) and year, and one number per record
 * and series-year — so a retry gets the same number back and never leaves a gap.
 */
export function migrateTo3(db: SqlDb): void {
  db.exec(`CREATE TABLE doc_numbers (
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    login TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (series, year, seq),
    UNIQUE (series, year, record_id)
  ) WITHOUT ROWID;`);
}
