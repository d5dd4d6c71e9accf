import type * as Y from 'yjs';
import { captureBody, snapshotOf, verifyBodySnapshot, type BodyCapture, type BodySnapshot, type SnapshotCheck } from '../../core/records/body-snapshot';
import { AppError } from '../../core/result';
import type { BlobStore } from '../blobs/blob-store';

/**
 * The main side of body snapshots (core/records/body-snapshot.ts): a workflow step's body state
 * stored as a blob before its event names it, and read back for the 花脸稿 and the 清稿.
 */

/**
 * Stores the captured state as a blob and returns the snapshot the step's event records. The
 * blob is not offered to the server yet (`share` off): a step the rules refuse leaves it
 * unnamed and local; `shareSnapshot` after the event is written (the blob upkeep would too).
 */
export async function storeBodySnapshot(blobs: BlobStore, capture: BodyCapture): Promise<BodySnapshot> {
  const sm3 = await blobs.importBytes(capture.bytes, 'local');
  return snapshotOf(capture, sm3);
}

export function shareSnapshot(blobs: BlobStore, snapshot: BodySnapshot | undefined): void {
  if (snapshot) blobs.share([snapshot.state.sm3]);
}

/** The body of `doc` as a step records it, stored. */
export const snapshotBody = (blobs: BlobStore, doc: Y.Doc): Promise<BodySnapshot> => storeBodySnapshot(blobs, captureBody(doc));

/**
 * The stored state of a step. A blob not on this machine yet (a colleague's step whose blob is
 * still downloading) is a CONFLICT the user can wait out; damaged bytes are refused by the blob
 * store (set aside, downloaded again).
 */
export async function readSnapshotState(blobs: BlobStore, snapshot: BodySnapshot): Promise<Uint8Array> {
  const { sm3, size } = snapshot.state;
  if (!blobs.has(sm3)) {
    blobs.want(sm3, size);
    throw new AppError('CONFLICT', '正文快照尚未同步到本机,请稍后再试');
  }
  const { data } = await blobs.read(sm3, 0, size);
  return data;
}

/** The 清稿 a step recorded, checked against the hash its signed event names. */
export async function checkSnapshot(blobs: BlobStore, snapshot: BodySnapshot): Promise<SnapshotCheck> {
  return verifyBodySnapshot(snapshot, await readSnapshotState(blobs, snapshot));
}
