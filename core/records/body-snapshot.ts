import * as Y from 'yjs';
import { z } from 'zod';
import { toBase64, toHex, utf8Encode } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { BlobRef } from '../kernel/event';
import { bodyBlocks, cleanText } from './body-blocks';

/**
 * The body at a workflow step (送审, each 核稿 and 会签, 签发, 复核), recorded in the step's signed
 * event:
 * - `sm3`: lowercase hex SM3 of the 清稿 (clean text: pending insertions in, pending deletions
 *   out; core/records/body-blocks.ts `cleanText`) — what the signer approved; the 签发's
 *   signature covers it because it is in the signed payload (and the 签发's `substance.body` is
 *   the same hash);
 * - `sv`: the Yjs state vector (base64): which edits the step had seen;
 * - `state`: the record's whole Yjs state at that moment (`encodeStateAsUpdate`) as a
 *   content-addressed blob (`BlobRef`): events are capped in size, a body with its history is
 *   not. The blob travels like an attachment (uploaded with the event, served to the record's
 *   readers). Two of them give the 花脸稿 (body-compare.ts) with every deleted character's text,
 *   whatever later garbage collection dropped, so body documents keep gc on (bench `editor`:
 *   `body_bytes`).
 *
 * No event ever carried the earlier inline form (a base64 `state`), so it is not read.
 */
export const BodySnapshot = z.object({
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
  sv: z.string().max(100_000),
  state: BlobRef,
});
export type BodySnapshot = z.infer<typeof BodySnapshot>;

/** How a snapshot's state blob is named in the event (and in the blob store's listings). */
export const SNAPSHOT_BLOB = { name: '正文快照', mime: 'application/x-yjs-update' } as const;

/** The body as a step sees it, before its state becomes a blob: one moment, read synchronously. */
export interface BodyCapture {
  /** SM3 of `text` (the 清稿). */
  sm3: string;
  sv: string;
  /** The 清稿. */
  text: string;
  /** `Y.encodeStateAsUpdate` of the whole record document. */
  bytes: Uint8Array;
}

export function captureBody(doc: Y.Doc): BodyCapture {
  const text = cleanText(bodyBlocks(doc));
  return { sm3: cleanTextSm3(text), sv: toBase64(Y.encodeStateVector(doc)), text, bytes: Y.encodeStateAsUpdate(doc) };
}

/** The snapshot an event records once the capture's bytes are stored under `blobSm3` (their SM3). */
export function snapshotOf(capture: BodyCapture, blobSm3: string): BodySnapshot {
  return { sm3: capture.sm3, sv: capture.sv, state: { ...SNAPSHOT_BLOB, sm3: blobSm3, size: capture.bytes.length } };
}

export const cleanTextSm3 = (text: string): string => toHex(sm3(utf8Encode(text)));
export const bytesSm3 = (bytes: Uint8Array): string => toHex(sm3(bytes));

/** A document read from stored Yjs state (read-only use: 清稿 view, verification, versions). */
export function snapshotDoc(state: Uint8Array, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  Y.applyUpdate(doc, state);
  return doc;
}

export interface SnapshotCheck {
  /** The bytes are the blob the event names, and their 清稿 hashes to the SM3 the event recorded. */
  ok: boolean;
  /** The 清稿 the bytes hold ('' when the bytes are not the named blob). */
  text: string;
  /** Why not: 'state' — the bytes are not the named blob; 'text' — their 清稿 differs from the signed hash. */
  reason?: 'state' | 'text';
}

/** Whether stored bytes are the snapshot's blob and their 清稿 is what the step signed (what the leader signed). */
export function verifyBodySnapshot(snapshot: BodySnapshot, bytes: Uint8Array): SnapshotCheck {
  if (bytes.length !== snapshot.state.size || bytesSm3(bytes) !== snapshot.state.sm3) return { ok: false, text: '', reason: 'state' };
  let text: string;
  try {
    text = cleanText(bodyBlocks(snapshotDoc(bytes)));
  } catch {
    return { ok: false, text: '', reason: 'state' };
  }
  return cleanTextSm3(text) === snapshot.sm3 ? { ok: true, text } : { ok: false, text, reason: 'text' };
}

/** A snapshot with its bytes in memory (tests, the bench): what main stores as a blob. */
export function bodySnapshot(doc: Y.Doc): { snapshot: BodySnapshot; bytes: Uint8Array } {
  const capture = captureBody(doc);
  return { snapshot: snapshotOf(capture, bytesSm3(capture.bytes)), bytes: capture.bytes };
}
