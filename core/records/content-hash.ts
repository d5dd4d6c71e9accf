import type * as Y from 'yjs';
import { toHex, utf8Encode } from '../crypto/bytes';
import { canonicalJson, type JsonValue } from '../crypto/canonical-json';
import { plainJson } from '../kernel/signature';
import { sm3 } from '../crypto/sm3';
import { bodyText, fieldsOf } from './record-doc';

/**
 * The canonical content of a record: what 签发 and 用印 sign (core/crypto/README.md, "Document
 * signature and seal"). Pure: runs in main, the renderer and the sync server.
 *
 *   "xietong/record-content/v1\n" + canonicalJson({
 *     fields:      the record's fields map, minus NON_CONTENT_FIELDS and `attachments`
 *                  (numbers that are not safe integers, and −0, as strings),
 *     body:        bodyText(doc) (one line per paragraph),
 *     attachments: [{name, sm3}] from fields.attachments, in stored order (empty when absent),
 *   })
 *
 * contentHash(doc) = lowercase hex SM3 of those UTF-8 bytes. The events log is deliberately not
 * content: appending a 签发 must not make an earlier 用印 stale.
 */
export const CONTENT_DOMAIN = 'xietong/record-content/v1\n';

/**
 * Bookkeeping fields excluded from the signed content: they change without the document
 * changing (timestamps of storage and edits).
 */
export const NON_CONTENT_FIELDS: readonly string[] = ['createdAt', 'updatedAt'];

export interface AttachmentRef {
  name: string;
  /** Lowercase hex SM3 of the attachment's bytes. */
  sm3: string;
}

export interface RecordContent {
  fields: JsonValue;
  body: string;
  attachments: AttachmentRef[];
}

/**
 * The attachment slot: `fields.attachments` as an array of `{name, sm3}`. Records have no
 * attachments yet; entries that do not have that shape are kept as they are (so they are still
 * covered) under `name: ''` with their JSON as the hash input.
 */
function attachmentsOf(raw: unknown): AttachmentRef[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((a: unknown) => {
    if (a && typeof a === 'object' && typeof (a as AttachmentRef).name === 'string' && typeof (a as AttachmentRef).sm3 === 'string') {
      return { name: (a as AttachmentRef).name, sm3: (a as AttachmentRef).sm3.toLowerCase() };
    }
    return { name: '', sm3: toHex(sm3(utf8Encode(canonicalJson(plainJson(a))))) };
  });
}

export function recordContent(doc: Y.Doc): RecordContent {
  const all = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (!NON_CONTENT_FIELDS.includes(k) && k !== 'attachments') fields[k] = v;
  return { fields: plainJson(fields), body: bodyText(doc), attachments: attachmentsOf(all.attachments) };
}

/** The bytes that are hashed (and that a 用印 SES_Signature's dataHash covers). */
export function contentBytes(doc: Y.Doc): Uint8Array {
  const c = recordContent(doc);
  return utf8Encode(CONTENT_DOMAIN + canonicalJson({ fields: c.fields, body: c.body, attachments: c.attachments.map((a) => ({ name: a.name, sm3: a.sm3 })) }));
}

/** Lowercase hex SM3 of the record's canonical content. */
export const contentHash = (doc: Y.Doc): string => toHex(sm3(contentBytes(doc)));
