import type { Database, Statement } from 'better-sqlite3';
import type { RecordListRow, TodoEntry } from '../../core/ipc/records';
import { shownBy } from '../../core/kernel/audience';
import { statementCache } from '../store/statements';

/**
 * Read queries of the generic methods over the store's kernel tables: records of a kind (titles
 * from the index texts every area writes) and the shared 待办 across areas. No area table is read.
 */
export class KernelQueries {
  private readonly stmt: (sql: string) => Statement;

  constructor(db: Database) {
    this.stmt = statementCache(db);
  }

  list(kind: string, offset: number, limit: number): { rows: RecordListRow[]; total: number } {
    const total = (this.stmt('SELECT count(*) AS n FROM records WHERE kind = ?').get(kind) as { n: number }).n;
    const rows = this.stmt(
      `SELECT r.id, r.kind, coalesce(t.title, '') AS title, r.created_at AS createdAt
       FROM records r LEFT JOIN search_text t ON t.rid = r.rid WHERE r.kind = ? ORDER BY r.rid DESC LIMIT ? OFFSET ?`,
    ).all(kind, limit, offset) as RecordListRow[];
    return { rows, total };
  }

  /** 待办 addressed to any of `audiences` that show by `today`: most urgent first, then by due date (none last), then since. */
  todo(audiences: readonly string[], today: string, limit = 200): TodoEntry[] {
    if (audiences.length === 0) return [];
    const rows = this.stmt(
      `SELECT r.id AS id, r.kind AS recordKind, coalesce(s.title, '') AS title, t.kind, t.label, t.since, t.due, t.urgency, t.ref
       FROM todo t CROSS JOIN records r ON r.rid = t.rid LEFT JOIN search_text s ON s.rid = t.rid
       WHERE t.audience IN (${audiences.map(() => '?').join(',')}) AND t.since < ?
       ORDER BY t.urgency DESC, coalesce(t.due, '9999-12-31'), t.since, t.rid LIMIT ?`,
    ).all(...audiences, shownBy(today), limit) as TodoEntry[];
    // One entry per record and kind of 待办, even when it reaches the person by several audiences.
    const seen = new Set<string>();
    return rows.filter((r) => {
      const key = `${r.id}\n${r.kind}\n${r.ref}\n${r.since}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}

export const kernelQueries = (db: Database): KernelQueries => new KernelQueries(db);
