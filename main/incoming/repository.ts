import type { Database, Statement } from 'better-sqlite3';
import type { IncomingRow } from '../../core/incoming/model';
import type { Store } from '../store/store';

interface RowData {
  id: string;
  title: string;
  issuer: string;
  doc_number: string;
  written_date: string | null;
  received_at: string;
}

/** Queries over the 收文 projection. */
export class IncomingRepository {
  private readonly all: Statement<[], RowData>;

  constructor(db: Database) {
    this.all = db.prepare(
      `SELECT id, title, issuer, doc_number, written_date, received_at FROM incoming
       ORDER BY received_at DESC, rid DESC`,
    );
  }

  /** Newest first. */
  list(): IncomingRow[] {
    return this.all.all().map((r) => ({
      id: r.id,
      title: r.title,
      issuer: r.issuer,
      docNumber: r.doc_number,
      writtenDate: r.written_date,
      receivedAt: r.received_at,
    }));
  }
}

const makeRepository = (db: Database) => new IncomingRepository(db);

/** The profile's 收文 repository (one per store). */
export const incomingRepo = (store: Store): IncomingRepository => store.use(makeRepository);
