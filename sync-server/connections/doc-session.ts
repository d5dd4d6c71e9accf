import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { User } from '../../core/sync/accounts';
import type { DocRole } from '../../core/sync/acl';
import { MalformedFrame } from '../../core/sync/mux';
import { MessageType } from '../../core/sync/protocol';
import type { ServerContext } from '../context';
import { decodeAwareness, DEFAULT_PRESENCE_LIMITS, type OwnerBudget } from '../rooms/presence';
import { PresenceInput } from '../rooms/presence-input';
import type { Room, RoomMember } from '../rooms/room';
import { cachedStep2 } from '../rooms/step2-cache';
import { refuseWrite } from '../write-rules';

/** The connection a session belongs to. */
export interface SessionHost {
  readonly user: User;
  /** Stored with each update as its origin; the changes feed leaves a client's own updates out. */
  readonly sessionId: string;
  /** Presence entries this connection may hold over all its documents. */
  readonly presenceBudget: OwnerBudget;
  /** Sends a y-websocket message of one document; `muxFrame`, if given, is its cached mux frame. */
  sendDoc(name: string, message: Uint8Array, muxFrame?: () => Uint8Array): void;
  /** A message of this session was malformed: the whole connection is closed. */
  malformed(err: unknown): void;
  /** The document could not be loaded or stored: transient, the client should retry. */
  unavailable(name: string, err: unknown): void;
  /** An encoded `events` frame for this document (multiplexed connections; the stock protocol has no events). */
  sendEvents(frame: Uint8Array): void;
  /** Decides the connection's access to `name` again (its owners changed). */
  recheckDoc(name: string): void;
}

/**
 * One connection's subscription to one document, speaking the y-websocket protocol: sync step 1
 * is answered from the committed document, writes go through the write pipeline (commit, then
 * apply and relay), and after a write commits the writer gets a fresh sync step 1 (debounced),
 * which is how a stock client learns that its change is durable.
 */
export class DocSession implements RoomMember {
  room: Room | null = null;
  closed = false;
  private queue: Uint8Array[] | null = [];
  private ackTimer: NodeJS.Timeout | null = null;
  private toldReadOnly = false;
  private presence: PresenceInput | null = null;

  constructor(
    private readonly ctx: ServerContext,
    private readonly host: SessionHost,
    readonly name: string,
    public role: DocRole,
  ) {}

  async start(): Promise<void> {
    let room: Room;
    try {
      room = await this.ctx.rooms.open(this.name);
    } catch (err) {
      this.host.unavailable(this.name, err);
      return;
    }
    if (this.closed) return;
    this.room = room;
    room.join(this);
    // Presence is attributed to the account as it is now (a rename shows after a re-check).
    const malformed = (err: unknown) => this.host.malformed(err);
    this.presence = new PresenceInput(room, this, () => this.host.user, this.host.presenceBudget, this.ctx.now, DEFAULT_PRESENCE_LIMITS.entriesPerMessage, malformed);
    this.send(room.step1());
    const states = room.presence.encodeAll();
    if (states) this.send(room.awarenessMessage(states));
    const queued = this.queue ?? [];
    this.queue = null;
    try {
      for (const message of queued) if (!this.closed) this.handle(message);
    } catch (err) {
      this.host.malformed(err);
    }
  }

  /** Handles one y-websocket message (throws MalformedFrame); queued until the document is loaded. */
  receive(message: Uint8Array): void {
    if (this.queue) {
      this.queue.push(message);
      return;
    }
    this.handle(message);
  }

  deliver(message: Uint8Array, muxFrame: () => Uint8Array): void {
    this.host.sendDoc(this.name, message, muxFrame);
  }

  deliverEvents(frame: Uint8Array): void {
    this.host.sendEvents(frame);
  }

  recheck(): void {
    this.host.recheckDoc(this.name);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.presence?.close();
    this.room?.leave(this);
  }

  private send(message: Uint8Array): void {
    this.host.sendDoc(this.name, message);
  }

  private handle(message: Uint8Array): void {
    const room = this.room!;
    const d = decoding.createDecoder(message);
    let reply: Uint8Array | null = null;
    try {
      const type = decoding.readVarUint(d);
      if (type === MessageType.sync) {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        end(d);
        if (sub === syncProtocol.messageYjsSyncStep1) reply = cachedStep2(room, payload);
        else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) this.write(room, payload);
        else throw new MalformedFrame(`unknown sync message ${sub}`);
      } else if (type === MessageType.awareness) {
        const update = decoding.readVarUint8Array(d);
        end(d);
        this.presence!.submit(decodeAwareness(update));
      } else if (type === MessageType.queryAwareness) {
        end(d);
        const states = room.presence.encodeAll();
        if (states) reply = room.awarenessMessage(states);
      } else {
        throw new MalformedFrame(`unknown message type ${type}`);
      }
    } catch (err) {
      throw err instanceof MalformedFrame ? err : new MalformedFrame(err instanceof Error ? err.message : String(err));
    }
    if (reply) this.send(reply);
  }

  private write(room: Room, update: Uint8Array): void {
    const checked = room.check(update);
    if (checked.kind === 'invalid') {
      this.ctx.metrics.reject('invalid-update');
      throw new MalformedFrame('update does not decode');
    }
    if (checked.kind === 'noop') return;
    if (this.role !== 'editor') {
      this.ctx.metrics.reject('read-only');
      this.tellReadOnly();
      return;
    }
    const refusal = refuseWrite(this.ctx, room, checked, this.host.user);
    if (refusal) {
      if (refusal.kind !== 'gap') this.tellRefused(`update refused / ${refusal.reason}`);
      // The next sync step 1 makes an honest client send everything the server lacks (a gap, or an
      // earlier refused update a later deletion builds on); nothing of this update is stored.
      if (refusal.kind !== 'not_created') this.scheduleAck();
      return;
    }
    this.ctx.pipeline.submit({
      type: 'update',
      room,
      update,
      checked,
      member: this,
      origin: this.host.sessionId,
      done: (result) => {
        if (result.ok) this.scheduleAck();
        else this.host.unavailable(this.name, result.error);
      },
    });
  }

  /** A fresh sync step 1 once writes settle: its state vector covers only committed updates. */
  scheduleAck(): void {
    if (this.ackTimer || this.closed) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = null;
      if (!this.closed && this.room) this.send(this.room.step1());
    }, this.ctx.ackDelayMs);
  }

  /** The y-protocols "permission denied" message saying why an update was refused. */
  private tellRefused(message: string): void {
    this.send(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MessageType.auth);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, message);
      }),
    );
  }

  /** Once per session: the y-protocols "permission denied" message, which stock clients log. */
  private tellReadOnly(): void {
    if (this.toldReadOnly) return;
    this.toldReadOnly = true;
    this.send(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MessageType.auth);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, 'read-only: you may view but not edit this document / 只读:无权编辑');
      }),
    );
  }
}

function end(d: decoding.Decoder): void {
  if (decoding.hasContent(d)) throw new MalformedFrame('trailing bytes');
}
