import type { Database, Statement } from 'better-sqlite3';

/**
 * The 编号 service's ledger in sync.db (table doc_numbers, core/sync/migration-3.ts). An
 * allocation is one IMMEDIATE transaction: the record's number if it already has one in that
 * series and year (a retry after a lost answer), else the series' highest plus one, inserted
 * and committed (fsynced with the server's durability) before the answer goes out. A crash
 * before the commit leaves nothing; after it, the retry gets the same number: no gap, no
 * duplicate. SQLite's write lock orders allocations from concurrent requests (and processes).
 */
export interface Allocation {
  seq: number;
  /** False when the record already had this number (a retry). */
  fresh: boolean;
}

export class NumberAllocator {
  private readonly existing: Statement<[string, number, string], number>;
  private readonly top: Statement<[string, number], number | null>;
  private readonly insert: Statement<[string, number, number, string, string, number]>;
  private readonly run: (series: string, year: number, recordId: string, login: string, at: number) => Allocation;

  constructor(db: Database) {
    this.existing = db.prepare<[string, number, string], number>('SELECT seq FROM doc_numbers WHERE series = ? AND year = ? AND record_id = ?').pluck();
    this.top = db.prepare<[string, number], number | null>('SELECT MAX(seq) FROM doc_numbers WHERE series = ? AND year = ?').pluck();
    this.insert = db.prepare('INSERT INTO doc_numbers (series, year, seq, record_id, login, at) VALUES (?, ?, ?, ?, ?, ?)');
    const tx = db.transaction((series: string, year: number, recordId: string, login: string, at: number): Allocation => {
      const had = this.existing.get(series, year, recordId);
      if (had !== undefined) return { seq: had, fresh: false };
      const seq = (this.top.get(series, year) ?? 0) + 1;
      this.insert.run(series, year, seq, recordId, login, at);
      return { seq, fresh: true };
    });
    this.run = (...args) => tx.immediate(...args);
  }

  allocate(request: { series: string; year: number; recordId: string; login: string; at: number }): Allocation {
    return this.run(request.series, request.year, request.recordId, request.login, request.at);
  }
}
