import type { Store } from '../store/store';
import type { BlobStore } from './blob-store';
import { moveRecordFiles } from './migrate-files';
import { blobRefsOf } from '../../core/kernel/event';
import { isBlobReferenced, mayCarryOldFiles, recordBlobRefs } from './record-refs';

/** Meta key of the one-off pass over every record (its value: when it finished). */
export const PROFILE_PASS_KEY = 'blobs.profilePass';

/** A record's refs noted in the blob store: blobs here are shared (uploaded), missing ones wanted. */
async function noteRecord(store: Store, blobs: BlobStore, id: string): Promise<void> {
  const refs = recordBlobRefs(store, id);
  blobs.share(refs.keys());
  for (const [sm3, size] of refs) if (!blobs.has(sm3)) blobs.want(sm3, size);
  await moveRecordFiles(store, blobs, id);
}

/**
 * Keeps the blob store in step with the records of a profile (started by openApp, one line):
 * - once per profile, a pass over every record moves old `files` bytes into the blob store and
 *   notes every ref (recorded in the profile's meta; a few records at a time, so the app stays
 *   responsive);
 * - a record removed from the profile (access withdrawn) has its blobs discarded when no other
 *   record here names them;
 * - then every event that names a blob gets its record noted again (a local report's attachments
 *   are shared, uploaded on reconnect; a remote one's are wanted), and so does every Yjs update
 *   that carries old `files` bytes (a replica from before blobs).
 * Returns a stop function. `done` resolves when the one-off pass has finished (tests).
 */
export function startBlobUpkeep(store: Store, blobs: BlobStore, opts: { now?: () => number } = {}): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  const queue = new Set<string>();
  let draining: Promise<void> | null = null;
  const drain = async () => {
    for (const id of queue) {
      queue.delete(id);
      if (stopped) return;
      await noteRecord(store, blobs, id).catch(() => undefined);
    }
    draining = null;
  };
  const note = (id: string) => {
    queue.add(id);
    draining ??= drain();
  };
  const offUpdates = store.onUpdate((id, update) => mayCarryOldFiles(update) && note(id));
  const offEvents = store.onEvent((id, event) => blobRefsOf(event.payload).size > 0 && note(id));
  // A record taken off this machine (access withdrawn) takes its files along, unless another record
  // here names them. A file made here and not yet on the server is kept: it may be the only copy
  // (or about to be named by an event being written), and losing it cannot be undone.
  const offRemovals = store.onRemove((_id, events) => {
    const refs = new Map<string, number>();
    for (const event of events) blobRefsOf(event.payload, 0, refs);
    for (const sm3 of refs.keys()) {
      const row = blobs.row(sm3);
      if (!row || (row.origin !== 'remote' && row.uploaded === 0) || isBlobReferenced(store, sm3)) continue;
      void blobs.discard(sm3).catch(() => undefined);
    }
  });
  const done = (async () => {
    if (store.getMeta(PROFILE_PASS_KEY)) return;
    const ids = store.ids();
    let failed = 0;
    for (let i = 0; i < ids.length && !stopped; i++) {
      await noteRecord(store, blobs, ids[i]!).catch(() => failed++);
      // Let requests in between every few records.
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    // A record that failed (a full disk, say) is tried again at the next open.
    if (!stopped && failed === 0) store.setMeta(PROFILE_PASS_KEY, new Date((opts.now ?? Date.now)()).toISOString());
  })();
  return {
    stop: () => {
      stopped = true;
      offUpdates();
      offEvents();
      offRemovals();
    },
    done,
  };
}
