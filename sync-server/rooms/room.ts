import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeDocFrame } from '../../core/sync/mux';
import { MessageType } from '../../core/sync/protocol';
import type { RecordLog } from '../events/record-log';
import { DeleteIndex } from './delete-index';
import { Presence } from './presence';
import { checkUpdate, type CheckedUpdate } from './update-check';

/** A connection's view of one document: stock connections have one, multiplexed ones many. */
export interface RoomMember {
  /** Sends one y-websocket message; `muxFrame` lazily wraps it for multiplexed connections. */
  deliver(message: Uint8Array, muxFrame: () => Uint8Array): void;
  /** Sends an encoded `events` frame (events appended to the record); stock members have no use for it. */
  deliverEvents(frame: Uint8Array): void;
  /** The record's owners changed: decide this member's access again, now. */
  recheck(): void;
}

/**
 * One loaded document. Its Y.Doc only ever contains what is committed: the write pipeline
 * calls `applyCommitted` after the store has acknowledged, and every state vector or step 2
 * the server sends is computed from this Y.Doc. Broadcasts happen from the update handler, so
 * a relay is exactly what was integrated.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly presence = new Presence<RoomMember>();
  readonly members = new Set<RoomMember>();
  docId: number | null;
  /** Sequence number of the newest applied update. */
  seq: number;
  tailCount: number;
  tailBytes: number;
  lastActive = Date.now();
  /** Updates accepted and not yet applied (or failed). */
  pendingWrites = 0;
  /** Per client, the end of the ids those updates add: seen by the server, though not applied yet. */
  private readonly inFlight = new Map<number, number>();
  private deleted: DeleteIndex | null = null;
  private svCache: Uint8Array | null = null;

  constructor(
    readonly name: string,
    /** The record's events, kind and existence (shared with the event path). */
    readonly record: RecordLog,
    init: { docId: number | null; seq: number; tailCount: number; tailBytes: number },
  ) {
    this.docId = init.docId;
    this.seq = init.seq;
    this.tailCount = init.tailCount;
    this.tailBytes = init.tailBytes;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.svCache = null;
      const message = encoding.encode((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        syncProtocol.writeUpdate(e, update);
      });
      this.broadcast(message, origin);
    });
  }

  /** Loads stored state; a stored update that no longer applies is skipped and reported, not fatal. */
  load(snapshot: Uint8Array | null, updates: readonly Uint8Array[], onBroken: (err: unknown) => void): void {
    Y.transact(this.doc, () => {
      for (const update of snapshot ? [snapshot, ...updates] : updates) {
        try {
          Y.applyUpdate(this.doc, update);
        } catch (err) {
          onBroken(err);
        }
      }
    });
  }

  /** O(size of the update): see update-check.ts. */
  check(update: Uint8Array): CheckedUpdate {
    return checkUpdate(update, {
      stored: (client) => Y.getState(this.doc.store, client),
      inFlightEnd: (client) => this.inFlight.get(client) ?? 0,
      deletions: () => (this.deleted ??= DeleteIndex.fromDoc(this.doc)),
    });
  }

  /** An update is accepted for commit: the ids it adds count as seen from now on. */
  accept(checked: CheckedUpdate): void {
    this.pendingWrites++;
    for (const [client, end] of checked.ends) this.inFlight.set(client, Math.max(this.inFlight.get(client) ?? 0, end));
  }

  /** An accepted update was applied, or failed; once none is open, the state vector says it all. */
  settle(): void {
    if (--this.pendingWrites === 0) this.inFlight.clear();
  }

  /** Applies an update that is already on disk, relaying it to every member except `origin`. */
  applyCommitted(update: Uint8Array, seq: number, origin: RoomMember | null, checked: CheckedUpdate | null): void {
    if (this.deleted && checked?.ds) {
      for (const [client, items] of checked.ds.clients) for (const item of items) this.deleted.add(client, item.clock, item.len);
    } else if (!checked?.ds) this.deleted = null;
    this.seq = Math.max(this.seq, seq);
    this.tailCount++;
    this.tailBytes += update.length;
    this.lastActive = Date.now();
    Y.applyUpdate(this.doc, update, origin);
  }

  stateVector(): Uint8Array {
    return (this.svCache ??= Y.encodeStateVector(this.doc));
  }

  step1(): Uint8Array {
    return encoding.encode((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(e, this.stateVector());
    });
  }

  /** Sync step 2 for a peer's state vector (throws on a malformed vector). */
  step2(encodedSv: Uint8Array): Uint8Array {
    const diff = Y.encodeStateAsUpdate(this.doc, encodedSv);
    return encoding.encode((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, diff);
    });
  }

  awarenessMessage(update: Uint8Array): Uint8Array {
    return encoding.encode((e) => {
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, update);
    });
  }

  broadcast(message: Uint8Array, except: unknown): void {
    let frame: Uint8Array | null = null;
    const muxFrame = () => (frame ??= encodeDocFrame(this.name, message));
    for (const member of this.members) {
      if (member === except) continue;
      member.deliver(message, muxFrame);
    }
  }

  join(member: RoomMember): void {
    this.members.add(member);
    this.lastActive = Date.now();
  }

  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    this.lastActive = Date.now();
    const removal = this.presence.removeOwner(member);
    if (removal) this.broadcast(this.awarenessMessage(removal), member);
  }

  /** Sends appended events (one encoded `events` frame) to every member. */
  broadcastEvents(frame: Uint8Array): void {
    for (const member of this.members) member.deliverEvents(frame);
  }

  destroy(): void {
    this.doc.destroy();
  }
}
