import { blobRefsOf } from '../../core/kernel/event';
import type { Database } from 'better-sqlite3';
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

const referencing = (db: Database) => db.prepare<[string]>('SELECT 1 FROM record_events WHERE instr(data, ?) > 0 LIMIT 1').pluck();

/** Whether any record still on this machine names the blob in an event (a scan of the event log: for the rare removal). */
export function isBlobReferenced(store: Store, sm3: string): boolean {
  return store.use(referencing).get(`"${sm3}"`) !== undefined;
}

/** Whether a Yjs update's bytes mention `files` (old attachment bytes, from a replica before blobs): else it is not read. */
export function mayCarryOldFiles(update: Uint8Array): boolean {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf('files') !== -1;
}
