import type { RecordView, Row } from '../kernel/area';
import type { IncomingFields } from './model';
import type { IncomingState } from './state';

/**
 * The 收文 list table. Version 1 is the pre-workflow table; version 2 adds the phase, the receiving
 * unit, the 收文号 (per unit per year: the local counter reads it), 办理时限, the 文种 and the 发文
 * it was distributed from.
 */
export const INCOMING_MIGRATIONS: readonly string[] = [
  `CREATE TABLE incoming (
    rid INTEGER PRIMARY KEY REFERENCES records(rid),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    written_date TEXT,
    received_at TEXT NOT NULL
  );
  CREATE INDEX incoming_by_received ON incoming(received_at);`,
  `ALTER TABLE incoming ADD COLUMN phase TEXT NOT NULL DEFAULT 'received';
  ALTER TABLE incoming ADD COLUMN unit TEXT NOT NULL DEFAULT '';
  ALTER TABLE incoming ADD COLUMN doc_kind TEXT NOT NULL DEFAULT '';
  ALTER TABLE incoming ADD COLUMN receipt_year INTEGER;
  ALTER TABLE incoming ADD COLUMN receipt_serial INTEGER;
  ALTER TABLE incoming ADD COLUMN receipt_no TEXT;
  ALTER TABLE incoming ADD COLUMN due_date TEXT;
  ALTER TABLE incoming ADD COLUMN source_id TEXT;
  CREATE INDEX incoming_by_phase ON incoming(phase, received_at DESC, rid DESC);
  CREATE INDEX incoming_by_receipt ON incoming(unit, receipt_year, receipt_serial);
  CREATE INDEX incoming_by_source ON incoming(source_id) WHERE source_id IS NOT NULL;`,
];

export function incomingRows(view: RecordView<IncomingState, IncomingFields>): Row {
  const f = view.fields;
  const s = view.reduced.state;
  const r = s.registration;
  return {
    id: view.id,
    title: f.title,
    issuer: f.issuer,
    doc_number: f.docNumber,
    written_date: f.writtenDate,
    received_at: f.receivedAt,
    phase: s.phase,
    unit: s.unit ?? view.reduced.created?.by.unit ?? '',
    doc_kind: s.source?.docKind ?? f.docKind ?? '',
    receipt_year: r?.year ?? null,
    receipt_serial: r?.serial ?? null,
    receipt_no: r?.receiptNo ?? null,
    due_date: r?.dueDate ?? null,
    source_id: s.source?.id ?? null,
  };
}
