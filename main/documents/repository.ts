import type { Database, Statement } from 'better-sqlite3';
import { DocKind, type DocumentRow } from '../../core/documents/model';
import type { Store } from '../store/store';

interface RowData {
  id: string;
  doc_kind: string;
  title: string;
  issuer: string;
  doc_number: string;
  written_date: string | null;
  period_from: string | null;
  period_to: string | null;
  created_at: string;
}

/** Queries over the 发文 projection. */
export class DocumentRepository {
  private readonly all: Statement<[], RowData>;

  constructor(db: Database) {
    this.all = db.prepare(
      `SELECT id, doc_kind, title, issuer, doc_number, written_date, period_from, period_to, created_at FROM documents
       ORDER BY created_at DESC, rid DESC`,
    );
  }

  /** Newest first. */
  list(): DocumentRow[] {
    return this.all.all().map((r) => ({
      id: r.id,
      docKind: DocKind.catch('通知').parse(r.doc_kind),
      title: r.title,
      issuer: r.issuer,
      docNumber: r.doc_number,
      writtenDate: r.written_date,
      period: r.period_from && r.period_to ? { from: r.period_from, to: r.period_to } : null,
      createdAt: r.created_at,
    }));
  }
}

const makeRepository = (db: Database) => new DocumentRepository(db);

/** The profile's 发文 repository (one per store). */
export const documentRepo = (store: Store): DocumentRepository => store.use(makeRepository);
