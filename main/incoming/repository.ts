import type { Database, Statement } from 'better-sqlite3';
import type { IncomingRow } from '../../core/incoming/model';
import { INCOMING_PHASE_LABEL, type IncomingPhase as IncomingPhaseCode } from '../../core/incoming/state';
import { IncomingPhase, type IncomingListRow } from '../../core/incoming/view';
import type { Store } from '../store/store';

interface RowData {
  id: string;
  title: string;
  issuer: string;
  doc_number: string;
  written_date: string | null;
  received_at: string;
}

interface ListData extends RowData {
  phase: string;
  doc_kind: string;
  receipt_no: string | null;
  due_date: string | null;
}

const LIST_COLUMNS = 'id, title, issuer, doc_number, written_date, received_at, phase, doc_kind, receipt_no, due_date';

/** A status as the user writes it (待签收) or as stored (delivered), to the stored phase. */
export function incomingPhaseOf(status: string): IncomingPhaseCode | undefined {
  const code = IncomingPhase.safeParse(status);
  if (code.success) return code.data;
  return (Object.entries(INCOMING_PHASE_LABEL) as [IncomingPhaseCode, string][]).find(([, label]) => label === status)?.[0];
}

/** Queries over the 收文 projection. */
export class IncomingRepository {
  private readonly all: Statement<[], RowData>;
  private readonly page: Statement<[number, number], ListData>;
  private readonly pageByPhase: Statement<[string, number, number], ListData>;

  constructor(db: Database) {
    this.all = db.prepare(
      `SELECT id, title, issuer, doc_number, written_date, received_at FROM incoming
       ORDER BY received_at DESC, rid DESC`,
    );
    this.page = db.prepare(`SELECT ${LIST_COLUMNS} FROM incoming ORDER BY received_at DESC, rid DESC LIMIT ? OFFSET ?`);
    this.pageByPhase = db.prepare(`SELECT ${LIST_COLUMNS} FROM incoming WHERE phase = ? ORDER BY received_at DESC, rid DESC LIMIT ? OFFSET ?`);
  }

  /** One page of the 收文 list, newest first, of one phase when asked (an unknown status lists nothing). */
  rows(filter: { status?: string | undefined; offset: number; limit: number }): IncomingListRow[] {
    if (filter.status === undefined) return this.page.all(filter.limit, filter.offset).map(listRow);
    const phase = incomingPhaseOf(filter.status);
    return phase ? this.pageByPhase.all(phase, filter.limit, filter.offset).map(listRow) : [];
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

function listRow(r: ListData): IncomingListRow {
  const phase = IncomingPhase.catch('received').parse(r.phase);
  return {
    id: r.id,
    box: '收文',
    docKind: r.doc_kind,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    status: INCOMING_PHASE_LABEL[phase],
    phase,
    receiptNo: r.receipt_no,
    dueDate: r.due_date,
    receivedAt: r.received_at,
  };
}

const makeRepository = (db: Database) => new IncomingRepository(db);

/** The profile's 收文 repository (one per store). */
export const incomingRepo = (store: Store): IncomingRepository => store.use(makeRepository);
