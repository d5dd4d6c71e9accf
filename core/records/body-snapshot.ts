import * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64, toHex, utf8Encode } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { bodyBlocks, cleanText } from './body-blocks';

/**
 * The body at a workflow step (拟稿 done, each 核稿, 签发), recorded in the step's signed event:
 * - `sm3`: lowercase hex SM3 of the 清稿 (clean text: pending insertions in, pending deletions
 *   out; core/records/body-blocks.ts `cleanText`) — what the signer approved; 签发's signature
 *   covers it because it is in the signed payload;
 * - `sv`: the Yjs state vector (base64): which edits the step had seen;
 * - `state`: the record's Yjs state at that moment (base64 `encodeStateAsUpdate`). Two of them
 *   give the 花脸稿 (body-compare.ts) with every deleted character's text, whatever later
 *   garbage collection dropped, so body documents keep gc on (bench `editor`: `body_bytes`).
 */
export const BodySnapshot = z.object({
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
  sv: z.string().max(100_000),
  state: z.string().max(20_000_000),
});
export type BodySnapshot = z.infer<typeof BodySnapshot>;

export function bodySnapshot(doc: Y.Doc): BodySnapshot {
  return {
    sm3: cleanTextSm3(cleanText(bodyBlocks(doc))),
    sv: toBase64(Y.encodeStateVector(doc)),
    state: toBase64(Y.encodeStateAsUpdate(doc)),
  };
}

export const cleanTextSm3 = (text: string): string => toHex(sm3(utf8Encode(text)));

/** The document a snapshot holds (read-only use: 清稿 view, verification). */
export function snapshotDoc(snapshot: Pick<BodySnapshot, 'state'>, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  Y.applyUpdate(doc, fromBase64(snapshot.state));
  return doc;
}

/** Whether a snapshot's 清稿 still hashes to the SM3 its event recorded (what the leader signed). */
export function verifyBodySnapshot(snapshot: BodySnapshot): { ok: boolean; text: string } {
  const text = cleanText(bodyBlocks(snapshotDoc(snapshot)));
  return { ok: cleanTextSm3(text) === snapshot.sm3, text };
}
