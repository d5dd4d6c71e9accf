import type * as Y from 'yjs';
import { blobRefsOf } from '../../core/kernel/event';
import { eventsOf, WorkflowEvent } from '../../core/records/record-doc';

interface CommittedWrite {
  room: { docId: number | null; doc: Y.Doc };
  update: Uint8Array;
  /** The writer's session id. */
  origin: string;
}

/**
 * Refs of events that still travel inside the record's Y.Doc (the `events` array): after a commit
 * whose bytes mention `sm3`, every event of the record is read for blob refs, written by the
 * authenticated user who sent the update (`writerOf` its session; the event's actor if that
 * connection is gone). Naming the writer is safe: a writer may edit the record, so could name the
 * blob in it anyway, and a ref counts only if its writer holds or may read the blob. Bridges until
 * events travel on their own; the event append then calls `BlobService.addRefs` per event.
 */
export function legacyRefsOf(writes: readonly CommittedWrite[], writerOf: (origin: string) => string | null = () => null): Array<{ docId: number; sm3s: string[]; by: string }> {
  const out: Array<{ docId: number; sm3s: string[]; by: string }> = [];
  const seen = new Set<number>();
  for (const { room, update, origin } of writes) {
    if (room.docId === null || seen.has(room.docId)) continue;
    if (Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf('sm3') === -1) continue;
    seen.add(room.docId);
    for (const raw of eventsOf(room.doc).toArray()) {
      const event = WorkflowEvent.safeParse(raw);
      if (!event.success) continue;
      const refs = blobRefsOf(event.data.payload);
      if (refs.size > 0) out.push({ docId: room.docId, sm3s: [...refs.keys()], by: writerOf(origin) ?? event.data.actor });
    }
  }
  return out;
}
