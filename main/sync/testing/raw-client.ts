import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../../core/sync/protocol';

/**
 * A minimal y-websocket client over `ws` that exposes what the stock provider hides: every
 * state vector the server sent (its durable acknowledgements), every frame received, and the
 * close code. Used by the crash, fuzz and access tests and by the bench.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  /** Max clock per client id over every sync step 1 the server sent. */
  readonly acked = new Map<number, number>();
  received = 0;
  synced = false;
  closeCode: number | null = null;
  closeReason = '';
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private syncWaiters: Array<() => void> = [];
  onUpdate: ((update: Uint8Array) => void) | null = null;

  constructor(url: string, opts: { sendStep1?: boolean } = {}) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve({ code, reason: this.closeReason });
      }),
    );
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
    if (opts.sendStep1 !== false) {
      void this.opened.then(() =>
        this.sendSync(SyncMessageType.step1, Y.encodeStateVector(this.doc)),
      ).catch(() => {});
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.sendSync(SyncMessageType.update, update);
    });
  }

  private onMessage(data: Uint8Array): void {
    this.received++;
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type !== MessageType.sync) return;
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === SyncMessageType.step1) {
      for (const [client, clock] of Y.decodeStateVector(payload)) {
        if (clock > (this.acked.get(client) ?? 0)) this.acked.set(client, clock);
      }
      this.sendSync(SyncMessageType.step2, Y.encodeStateAsUpdate(this.doc, payload));
      return;
    }
    Y.applyUpdate(this.doc, payload, this);
    this.onUpdate?.(payload);
    if (sub === SyncMessageType.step2) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  sendSync(sub: number, payload: Uint8Array): void {
    this.sendRaw(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        encoding.writeVarUint(e, sub);
        encoding.writeVarUint8Array(e, payload);
      }),
    );
  }

  sendRaw(bytes: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  close(): void {
    this.ws.close();
  }
}

export const docUrl = (wsUrl: string, name: string, token: string): string => `${wsUrl}/${encodeURIComponent(name)}?token=${encodeURIComponent(token)}`;
