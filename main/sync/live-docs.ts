import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../core/sync/protocol';
import type { Link } from './link';
import type { SyncStorage } from './types';

interface Watch {
  awareness: awarenessProtocol.Awareness | null;
  count: number;
  detach: (() => void) | null;
  /** Awareness clients heard from the server (the others are this process's: its user, editing windows). */
  fromServer: Set<number>;
}

/**
 * Documents open in a window: subscribed live over the multiplexed socket, so edits arrive
 * without waiting for the feed and presence (awareness) is exchanged. Writes still go through
 * the outbox (acknowledged pushes); a subscription only receives.
 */
export class LiveDocs {
  private readonly watches = new Map<string, Watch>();
  private link: Link | null = null;

  constructor(
    private readonly storage: SyncStorage,
    private readonly onRemote: (id: string) => void,
    private readonly isDirty: (id: string) => boolean,
    private readonly pushDiff: (id: string, serverSv: Uint8Array) => void,
  ) {}

  watch(id: string, awareness: awarenessProtocol.Awareness | null): () => void {
    let w = this.watches.get(id);
    if (!w) {
      w = { awareness, count: 0, detach: null, fromServer: new Set() };
      this.watches.set(id, w);
      if (this.link) this.subscribe(this.link, id, w);
    }
    w.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--w.count > 0) return;
      w.detach?.();
      this.watches.delete(id);
      this.link?.send({ type: 'unsub', name: id });
    };
  }

  connected(link: Link): void {
    this.link = link;
    for (const [id, w] of this.watches) this.subscribe(link, id, w);
  }

  disconnected(): void {
    this.link = null;
    for (const w of this.watches.values()) {
      w.detach?.();
      w.detach = null;
      if (w.awareness) {
        // Only the server's states go; this process's own (editing windows' carets) stay to be sent again.
        const heard = [...w.fromServer].filter((c) => w.awareness!.getStates().has(c));
        w.fromServer.clear();
        awarenessProtocol.removeAwarenessStates(w.awareness, heard, 'offline');
      }
    }
  }

  /** Denied or revoked by the server. */
  drop(id: string): void {
    const w = this.watches.get(id);
    w?.detach?.();
    this.watches.delete(id);
  }

  private subscribe(link: Link, id: string, w: Watch): void {
    const message = encoding.encode((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      encoding.writeVarUint(e, SyncMessageType.step1);
      encoding.writeVarUint8Array(e, this.storage.encodeStateVector(id));
    });
    link.send({ type: 'doc', name: id, message });
    const awareness = w.awareness;
    if (!awareness) return;
    const send = (clients: number[]) =>
      link.send({
        type: 'doc',
        name: id,
        message: encoding.encode((e) => {
          encoding.writeVarUint(e, MessageType.awareness);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
        }),
      });
    const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'server') for (const c of added) w.fromServer.add(c);
      else send([...added, ...updated, ...removed]);
    };
    awareness.on('update', onUpdate);
    const ours = [...awareness.getStates().keys()].filter((c) => !w.fromServer.has(c));
    // After a reconnect the server has told the others these states left (at clock + 1): only
    // a newer clock is heard again.
    for (const c of ours) {
      const meta = awareness.meta.get(c);
      if (meta) meta.clock += 2;
    }
    if (ours.length > 0) send(ours);
    w.detach = () => awareness.off('update', onUpdate);
  }

  /** A `doc` frame: a y-websocket message for a watched document. */
  receive(id: string, message: Uint8Array): void {
    const w = this.watches.get(id);
    if (!w) return;
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    if (type === MessageType.sync) {
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === SyncMessageType.step1) {
        // The server's state vector: if we hold anything it lacks, push it (acknowledged).
        if (this.isDirty(id) || ahead(this.storage.encodeStateVector(id), payload)) this.pushDiff(id, payload);
        return;
      }
      this.storage.applyRemote(id, payload);
      this.onRemote(id);
    } else if (type === MessageType.awareness && w.awareness) {
      awarenessProtocol.applyAwarenessUpdate(w.awareness, decoding.readVarUint8Array(d), 'server');
    }
  }
}

function ahead(local: Uint8Array, remote: Uint8Array): boolean {
  const theirs = Y.decodeStateVector(remote);
  for (const [client, clock] of Y.decodeStateVector(local)) if (clock > (theirs.get(client) ?? 0)) return true;
  return false;
}
