import type * as Y from 'yjs';
import { fieldsOf } from '../records/record-doc';
import { DocKind, DocumentFields, type DocumentRow } from './model';

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Reads a document record doc; fields that fail the schema fall back to safe defaults. */
export const readDocumentFields = (doc: Y.Doc): DocumentFields => documentFieldsOf(fieldsOf(doc).toJSON());

/** Reads a 公文's fields (the Y.Map's JSON); never throws. */
export function documentFieldsOf(json: unknown): DocumentFields {
  const raw = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const parsed = DocumentFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const list = (k: string) =>
    Array.isArray(raw[k]) ? (raw[k] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : [];
  const kind = DocKind.safeParse(raw.docKind);
  const p = raw.period as { from?: unknown; to?: unknown } | null | undefined;
  return {
    kind: 'document',
    docKind: kind.success ? kind.data : '通知',
    title: str('title') || '(无标题)',
    issuer: str('issuer'),
    issuerMark: str('issuerMark'),
    docNumber: str('docNumber'),
    mainRecipients: list('mainRecipients'),
    ccRecipients: list('ccRecipients'),
    writtenDate: isDay(raw.writtenDate) ? raw.writtenDate : null,
    period: p && isDay(p.from) && isDay(p.to) ? { from: p.from, to: p.to } : null,
    createdAt: str('createdAt'),
    updatedAt: str('updatedAt'),
  };
}

/** Writes a document's fields and body into an empty doc (callers run it inside a transaction). */
export function buildDocument(doc: Y.Doc, fields: DocumentFields): void {
  const map = fieldsOf(doc);
  for (const [k, v] of Object.entries(DocumentFields.parse(fields))) map.set(k, v);
}

/** The 发文 list row. */
export function documentRow(id: string, f: DocumentFields): DocumentRow {
  return { id, docKind: f.docKind, title: f.title, issuer: f.issuer, docNumber: f.docNumber, writtenDate: f.writtenDate, period: f.period, createdAt: f.createdAt };
}
