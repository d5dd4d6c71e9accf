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

export interface AllocationRequest {
  series: string;
  year: number;
  recordId: string;
  login: string;
  at: number;
}

export class NumberAllocator {
  private readonly existing: Statement<[string, number, string], number>;
  private readonly top: Statement<[string, number], number | null>;
  private readonly insert: Statement<[string, number, number, string, string, number]>;
  private readonly runBatch: (requests: readonly AllocationRequest[]) => Allocation[];
  private queue: { request: AllocationRequest; resolve: (a: Allocation) => void; reject: (e: unknown) => void }[] = [];

  constructor(db: Database) {
    this.existing = db.prepare<[string, number, string], number>('SELECT seq FROM doc_numbers WHERE series = ? AND year = ? AND record_id = ?').pluck();
    this.top = db.prepare<[string, number], number | null>('SELECT MAX(seq) FROM doc_numbers WHERE series = ? AND year = ?').pluck();
    this.insert = db.prepare('INSERT INTO doc_numbers (series, year, seq, record_id, login, at) VALUES (?, ?, ?, ?, ?, ?)');
    const one = (r: AllocationRequest): Allocation => {
      const had = this.existing.get(r.series, r.year, r.recordId);
      if (had !== undefined) return { seq: had, fresh: false };
      const seq = (this.top.get(r.series, r.year) ?? 0) + 1;
      this.insert.run(r.series, r.year, seq, r.recordId, r.login, r.at);
      return { seq, fresh: true };
    };
    const tx = db.transaction((requests: readonly AllocationRequest[]) => requests.map(one));
    this.runBatch = (requests) => tx.immediate(requests);
  }

  /** One allocation, committed before it returns. */
  allocate(request: AllocationRequest): Allocation {
    return this.runBatch([request])[0]!;
  }

  /**
   * Allocations that arrive in the same event-loop turn share one transaction (one fsync), like
   * the write pipeline's commits; each answer is given only after that commit.
   */
  allocateSoon(request: AllocationRequest): Promise<Allocation> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    try {
      const results = this.runBatch(batch.map((b) => b.request));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
