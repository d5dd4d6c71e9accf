import { blobRefsOf } from '../../core/kernel/event';
import { readEvents } from '../../core/records/record-doc';
import type { Store } from '../store/store';

/**
 * The blobs a record on this machine refers to (sm3 → size), from its events' payloads. The one
 * place that knows where events live: today the record's Y.Doc; with the record kernel,
 * `store.events(id)` (core/kernel/README.md), and only this function changes.
 */
export function recordBlobRefs(store: Store, id: string): Map<string, number> {
  const refs = new Map<string, number>();
  if (!store.has(id)) return refs;
  for (const event of readEvents(store.getDoc(id)).events) blobRefsOf(event.payload, 0, refs);
  return refs;
}

/** Whether an update's bytes mention `sm3` (a ref) or `files` (old attachment bytes): else it is not read. */
export function mayConcernBlobs(update: Uint8Array): boolean {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  return bytes.indexOf('sm3') !== -1 || bytes.indexOf('files') !== -1;
}
