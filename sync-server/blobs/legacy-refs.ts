import type * as Y from 'yjs';
import { blobRefsOf } from '../../core/kernel/event';
import { eventsOf, WorkflowEvent } from '../../core/records/record-doc';

interface CommittedWrite {
  room: { docId: number | null; doc: Y.Doc };
  update: Uint8Array;
}

/**
 * Refs of events that still travel inside the record's Y.Doc (the `events` array): after a commit
 * whose bytes mention `sm3`, every event of the record is read for blob refs, each by its actor
 * (with --trust-ca the server has checked that the actor is the writer). Bridges until events
 * travel on their own; the event append then calls `BlobService.addRefs` per event instead.
 */
export function legacyRefsOf(writes: readonly CommittedWrite[]): Array<{ docId: number; sm3s: string[]; by: string }> {
  const out: Array<{ docId: number; sm3s: string[]; by: string }> = [];
  const seen = new Set<number>();
  for (const { room, update } of writes) {
    if (room.docId === null || seen.has(room.docId)) continue;
    if (Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf('sm3') === -1) continue;
    seen.add(room.docId);
    for (const raw of eventsOf(room.doc).toArray()) {
      const event = WorkflowEvent.safeParse(raw);
      if (!event.success) continue;
      const refs = blobRefsOf(event.data.payload);
      if (refs.size > 0) out.push({ docId: room.docId, sm3s: [...refs.keys()], by: event.data.actor });
    }
  }
  return out;
}
