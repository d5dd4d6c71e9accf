import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import type { BlobRef } from '../../core/kernel/event';
import { filesOf } from '../../core/records/record-doc';
import type { Store } from '../store/store';

/** Reads a blob's bytes by SM3 (the blob store), null when absent. */
export type BlobLookup = (sm3: string) => Uint8Array | null;

/**
 * The bytes of a file record `id` refers to: from `lookup` (the blob store), else from the
 * record's own Y.Doc `files` (where 督办 attachments lived before the blob store). Either way
 * the bytes must hash to the ref's SM3, so nothing else can be packaged under its name.
 */
export function recordBlobSource(store: Store, id: string, lookup: BlobLookup = () => null): (ref: BlobRef) => Uint8Array | null {
  return (ref) => {
    const candidates = [lookup(ref.sm3), inRecord(store, id, ref.sm3)];
    return candidates.find((data): data is Uint8Array => !!data && toHex(sm3(data)) === ref.sm3) ?? null;
  };
}

function inRecord(store: Store, id: string, key: string): Uint8Array | null {
  const value = filesOf(store.getDoc(id)).get(key) as { data?: unknown } | undefined;
  return value?.data instanceof Uint8Array ? value.data : null;
}
