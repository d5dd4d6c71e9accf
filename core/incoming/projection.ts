import type * as Y from 'yjs';
import { bodyText, fieldsOf } from '../records/record-doc';
import { IncomingFields, type IncomingRow } from './model';

/** Reads an incoming record doc; fields that fail the schema fall back to safe defaults. */
export function readIncomingFields(doc: Y.Doc): IncomingFields {
  const raw = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const parsed = IncomingFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const list = (k: string) =>
    Array.isArray(raw[k]) ? (raw[k] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : [];
  return {
    kind: 'incoming',
    title: str('title') || '(无标题)',
    issuer: str('issuer'),
    docNumber: str('docNumber'),
    writtenDate: str('writtenDate') || null,
    issuedDate: str('issuedDate') || null,
    mainRecipients: list('mainRecipients'),
    ccRecipients: list('ccRecipients'),
    publicity: str('publicity'),
    receivedAt: str('receivedAt'),
    createdAt: str('createdAt'),
    updatedAt: str('updatedAt'),
  };
}

export interface IncomingProjection {
  row: IncomingRow;
  /** Texts for the full-text index: 发文字号 and 发文机关 are searchable as notes. */
  search: { title: string; body: string; notes: string };
}

export function projectIncoming(id: string, doc: Y.Doc): IncomingProjection {
  const f = readIncomingFields(doc);
  return {
    row: {
      id,
      title: f.title,
      issuer: f.issuer,
      docNumber: f.docNumber,
      writtenDate: f.writtenDate,
      receivedAt: f.receivedAt,
    },
    search: { title: f.title, body: bodyText(doc), notes: [f.docNumber, f.issuer].filter(Boolean).join(' ') },
  };
}
