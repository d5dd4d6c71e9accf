import type { RecordView, Row } from '../kernel/area';
import type { DocumentFields } from './model';
import type { DocumentState } from './state';

/**
 * The 发文 list table. Version 1 is the pre-workflow table; version 2 adds where the 公文 stands
 * (phase), its drafting unit, the parts of its 发文字号 (for the local counter, 本地编号) and the
 * record it was drafted from (documents.draftFrom).
 */
export const DOCUMENT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE documents (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_kind TEXT NOT NULL,
    title TEXT NOT NULL,
    issuer TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    written_date TEXT,
    period_from TEXT,
    period_to TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX documents_by_created ON documents(created_at DESC, rid DESC);`,
  `ALTER TABLE documents ADD COLUMN phase TEXT NOT NULL DEFAULT 'draft';
  ALTER TABLE documents ADD COLUMN unit TEXT NOT NULL DEFAULT '';
  ALTER TABLE documents ADD COLUMN number_code TEXT;
  ALTER TABLE documents ADD COLUMN number_year INTEGER;
  ALTER TABLE documents ADD COLUMN number_seq INTEGER;
  ALTER TABLE documents ADD COLUMN number_local INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE documents ADD COLUMN source_id TEXT;
  CREATE INDEX documents_by_phase ON documents(phase, created_at DESC, rid DESC);
  CREATE INDEX documents_by_number ON documents(number_code, number_year, number_seq);
  CREATE INDEX documents_by_source ON documents(source_id) WHERE source_id IS NOT NULL;`,
];

/** The record's one row. */
export function documentRows(view: RecordView<DocumentState, DocumentFields>): Row {
  const f = view.fields;
  const s = view.reduced.state;
  return {
    id: view.id,
    doc_kind: f.docKind,
    title: f.title,
    issuer: f.issuer,
    doc_number: s.number?.docNumber ?? f.docNumber,
    written_date: f.writtenDate,
    period_from: f.period?.from ?? null,
    period_to: f.period?.to ?? null,
    created_at: f.createdAt || view.createdAt,
    phase: s.phase,
    unit: s.unit ?? view.reduced.created?.by.unit ?? '',
    number_code: s.number?.issuerCode ?? null,
    number_year: s.number?.year ?? null,
    number_seq: s.number?.seq ?? null,
    number_local: s.number?.local ? 1 : 0,
    source_id: f.source?.id ?? null,
  };
}
