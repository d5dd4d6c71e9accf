import { blobRefsOf } from '../../core/kernel/event';
import type { Store } from '../store/store';

/**
 * The blobs a record on this machine refers to (sm3 → size), from its events' payloads
 * (`store.events(id)`, the kernel's event log; refused events included, their files stay named).
 */
export function recordBlobRefs(store: Store, id: string): Map<string, number> {
  const refs = new Map<string, number>();
  if (!store.has(id)) return refs;
  for (const { event } of store.events(id)) blobRefsOf(event.payload, 0, refs);
  return refs;
}

/** Whether a Yjs update's bytes mention `files` (old attachment bytes, from a replica before blobs): else it is not read. */
export function mayCarryOldFiles(update: Uint8Array): boolean {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf('files') !== -1;
}
