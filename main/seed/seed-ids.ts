import { createHash } from 'node:crypto';

/**
 * Deterministic identities for imported seed records, so that every profile that imports the same
 * document makes the same records: two colleagues syncing through the server then share one copy
 * of each 督办 item instead of pushing two. Together with `NewRecord.deterministic` (the store
 * derives the initial Yjs client id from id and content) and a fixed import time, the initial
 * updates are byte-identical on every machine and Yjs dedupes them: the body and the event log
 * are not doubled.
 */

/** A UUID-shaped id (version 8, RFC 9562 layout) from SHA-256 of the parts. */
function uuidFrom(...parts: string[]): string {
  const hash = createHash('sha256');
  hash.update('xietong-seed');
  for (const part of parts) hash.update('\0').update(part);
  const b = hash.digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The record id of a seed record: the document itself (`code` omitted), its 立项 (`code` =
 * {@link SEED_PROJECT_CODE}) or one item (its code, e.g. `三(二)`), by the 发文字号.
 */
export function seedRecordId(docNumber: string, code?: string): string {
  return code === undefined ? uuidFrom('record', docNumber) : uuidFrom('record', docNumber, code);
}

/** The 立项's pseudo item code: item codes are numbering like 一(一)1, never this. */
export const SEED_PROJECT_CODE = '立项';

/** The id of a part the import writes into a seed record: its 交办 event, a 节点目标 (milestone). */
export function seedPartId(recordId: string, part: string): string {
  return uuidFrom('part', recordId, part);
}

/**
 * The time the import records (收文 received, 立项 created, items 交办ed): the document's 印发日期
 * (else its 成文日期) at 00:00 Beijing time, so every profile writes the same bytes whatever day it
 * imports on — with the import day, two colleagues who imported on different days got the body
 * and the 交办 events twice once their copies merged. Only a document with neither date falls back
 * to the start of the import day (and then converges only with imports of the same day).
 */
export function seedTimestamp(now: Date, documentDates: { issuedDate: string | null; writtenDate: string | null } = { issuedDate: null, writtenDate: null }): Date {
  const fixed = documentDates.issuedDate ?? documentDates.writtenDate;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return new Date(`${fixed}T00:00:00+08:00`);
  const beijingDay = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${beijingDay}T00:00:00+08:00`);
}
