import type { Database, Statement } from 'better-sqlite3';
import { DocKind, type DocumentRow } from '../../core/documents/model';
import { PHASE_LABEL, type DocPhase } from '../../core/documents/state';
import { DocumentPhase, type DocumentListRow } from '../../core/documents/view';
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
  phase: string;
  number_local: number;
}

const COLUMNS = 'id, doc_kind, title, issuer, doc_number, written_date, period_from, period_to, created_at, phase, number_local';

/** A status as the user writes it (待签发) or as stored (issue), to the stored phase; undefined when unknown. */
export function documentPhaseOf(status: string): DocPhase | undefined {
  const code = DocumentPhase.safeParse(status);
  if (code.success) return code.data;
  return (Object.entries(PHASE_LABEL) as [DocPhase, string][]).find(([, label]) => label === status)?.[0];
}

/** Queries over the 发文 projection. */
export class DocumentRepository {
  private readonly all: Statement<[], RowData>;
  private readonly page: Statement<[number, number], RowData>;
  private readonly pageByPhase: Statement<[string, number, number], RowData>;
  private readonly bySource: Statement<[string], RowData>;

  constructor(db: Database) {
    this.all = db.prepare(`SELECT ${COLUMNS} FROM documents ORDER BY created_at DESC, rid DESC`);
    // A withdrawn draft leaves the list; the 已撤销 filter still finds it.
    this.page = db.prepare(`SELECT ${COLUMNS} FROM documents WHERE phase <> 'withdrawn' ORDER BY created_at DESC, rid DESC LIMIT ? OFFSET ?`);
    this.pageByPhase = db.prepare(`SELECT ${COLUMNS} FROM documents WHERE phase = ? ORDER BY created_at DESC, rid DESC LIMIT ? OFFSET ?`);
    this.bySource = db.prepare(`SELECT ${COLUMNS} FROM documents WHERE source_id = ? ORDER BY created_at DESC, rid DESC`);
  }

  /** Every row, newest first, as before the workflow (the 通报 tests read it). */
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

  /** One page of the 发文 list, newest first (withdrawn drafts left out), of one phase when asked (an unknown status lists nothing). */
  rows(filter: { status?: string | undefined; offset: number; limit: number }): DocumentListRow[] {
    if (filter.status === undefined) return this.page.all(filter.limit, filter.offset).map(listRow);
    const phase = documentPhaseOf(filter.status);
    return phase ? this.pageByPhase.all(phase, filter.limit, filter.offset).map(listRow) : [];
  }

  /** The 公文 drafted from a record (documents.draftFrom). */
  drawnFrom(sourceId: string): DocumentListRow[] {
    return this.bySource.all(sourceId).map(listRow);
  }
}

function listRow(r: RowData): DocumentListRow {
  const phase = DocumentPhase.catch('draft').parse(r.phase);
  return {
    id: r.id,
    box: '发文',
    docKind: DocKind.catch('通知').parse(r.doc_kind),
    title: r.title,
    docNumber: r.doc_number,
    numberLocal: r.number_local === 1,
    status: PHASE_LABEL[phase],
    phase,
    issuer: r.issuer,
    period: r.period_from && r.period_to ? { from: r.period_from, to: r.period_to } : null,
    createdAt: r.created_at,
  };
}

const makeRepository = (db: Database) => new DocumentRepository(db);

/** The profile's 发文 repository (one per store). */
export const documentRepo = (store: Store): DocumentRepository => store.use(makeRepository);
