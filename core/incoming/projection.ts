import type * as Y from 'yjs';
import { fieldsOf } from '../records/record-doc';
import { IncomingFields, type IncomingRow } from './model';

/** Reads an incoming record doc; fields that fail the schema fall back to safe defaults. */
export const readIncomingFields = (doc: Y.Doc): IncomingFields => incomingFieldsOf(fieldsOf(doc).toJSON());

/** Reads a 收文's fields (the Y.Map's JSON); never throws. */
export function incomingFieldsOf(json: unknown): IncomingFields {
  const raw = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
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

/** The 收文 list row. */
export function incomingRow(id: string, f: IncomingFields): IncomingRow {
  return { id, title: f.title, issuer: f.issuer, docNumber: f.docNumber, writtenDate: f.writtenDate, receivedAt: f.receivedAt };
}
