import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import type { BlobRef } from '../../core/kernel/event';
import { filesOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { BlobStore } from '../blobs/blob-store';
import type { Store } from '../store/store';

/** Reads a blob's bytes by SM3 (the blob store), null when absent. */
export type BlobLookup = (sm3: string) => Promise<Uint8Array | null>;

/** A verified blob's bytes, whole (the blob store reads and checks them); null when this machine lacks it. */
export async function readWholeBlob(blobs: BlobStore, key: string): Promise<Uint8Array | null> {
  if (!blobs.has(key)) return null;
  try {
    const row = await blobs.verified(key);
    return (await blobs.read(key, 0, Math.max(1, row.size ?? 0))).data;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

export const blobStoreLookup =
  (blobs: BlobStore): BlobLookup =>
  (key) =>
    readWholeBlob(blobs, key);

/**
 * The bytes of a file record `id` refers to: from `lookup` (the blob store), else from the
 * record's own Y.Doc `files` (where 督办 attachments lived before the blob store, in a profile
 * the app has not opened since). Either way the bytes must hash to the ref's SM3, so nothing
 * else can be packaged under its name.
 */
export function recordBlobSource(store: Store, id: string, lookup: BlobLookup = async () => null): (ref: BlobRef) => Promise<Uint8Array | null> {
  return async (ref) => {
    const candidates = [await lookup(ref.sm3), inRecord(store, id, ref.sm3)];
    return candidates.find((data): data is Uint8Array => !!data && toHex(sm3(data)) === ref.sm3) ?? null;
  };
}

function inRecord(store: Store, id: string, key: string): Uint8Array | null {
  const value = filesOf(store.getDoc(id)).get(key) as { data?: unknown } | undefined;
  return value?.data instanceof Uint8Array ? value.data : null;
}
