import { checkAppendOnly } from '../core/records/append-only';
import type { Room } from './rooms/room';
import type { CheckedUpdate } from './rooms/update-check';
import type { PendingWrite, WritePipeline } from './write-pipeline';

/**
 * The events array of every record is append-only at the server (README, "Signed events"):
 * an update that deletes an entry — anyone's, by anyone, administrators included, since the log
 * is the evidence of who did what — is refused like a bad signature: not stored, applied or
 * relayed. The rule itself is core/records/append-only.ts; this file applies it to the write path.
 *
 * Updates are checked before they are committed, and the next one may arrive before the previous
 * is applied: an insert, then its deletion (typing, then backspace) must pass; an event, then its
 * deletion — or the deletion first, then the event — must not. So the updates submitted for a room
 * and not yet applied are kept here and checked against as well.
 */
const inFlight = new WeakMap<Room, Set<Uint8Array>>();

export const APPEND_ONLY_REASON = '办理记录只能追加,不能删除或修改已有记录';

export type EventLogVerdict = null | { kind: 'invalid' } | { kind: 'refused'; reason: string };

/**
 * Null when the update leaves every entry of the events array in place. Cheap in the usual case
 * (no deletions in it, none pending): checkAppendOnly returns before looking at any item.
 */
export function checkEventLog(room: Room, update: Uint8Array, checked: CheckedUpdate): EventLogVerdict {
  const verdict = checkAppendOnly(room.doc, update, { ...(checked.ds ? { ds: checked.ds } : {}), inFlight: [...(inFlight.get(room) ?? [])] });
  if (verdict.ok) return null;
  if (verdict.reason === 'invalid') return { kind: 'invalid' };
  return { kind: 'refused', reason: APPEND_ONLY_REASON };
}

/** The updates of `room` accepted and not applied yet, in submission order (signed-events.ts applies them first). */
export const inFlightUpdates = (room: Room): Uint8Array[] => [...(inFlight.get(room) ?? [])];

/** Submits a write, remembering its update as in flight for its room until it is applied or fails. */
export function submitWrite(pipeline: WritePipeline, write: PendingWrite): void {
  const tracked = inFlight.get(write.room) ?? new Set<Uint8Array>();
  inFlight.set(write.room, tracked);
  tracked.add(write.update);
  const done = write.done;
  pipeline.submit({
    ...write,
    // The pipeline calls done after applying the update to the room (or after the commit failed).
    done: (result) => {
      tracked.delete(write.update);
      done(result);
    },
  });
}
