import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../core/sync/protocol';

/** An awareness message (y-websocket type 1) carrying `entries` [client id, clock, state]. */
export function awarenessMessage(entries: ReadonlyArray<readonly [number, number, unknown]>): Uint8Array {
  const update = encoding.encode((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock, state] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/**
 * A raw y-websocket connection that records the presence the server tells it about (client id →
 * state, removals applied) and can send anything. Sync messages are ignored.
 */
export class AwarenessClient {
  readonly ws: WebSocket;
  readonly states = new Map<number, unknown>();
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  /** Sync step 2 answers received (each answers one step 1 sent). */
  step2s = 0;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
  }

  private onMessage(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === MessageType.sync && decoding.readVarUint(d) === SyncMessageType.step2) this.step2s++;
    if (type !== MessageType.awareness) return;
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const client = decoding.readVarUint(u);
      decoding.readVarUint(u);
      const state = JSON.parse(decoding.readVarString(u)) as unknown;
      if (state === null) this.states.delete(client);
      else this.states.set(client, state);
    }
  }

  /** Resolves after the server has handled everything sent before: it answers a sync step 1 in order. */
  async roundTrip(): Promise<void> {
    const before = this.step2s;
    this.send(
      encoding.encode((e) => {
        encoding.writeVarUint(e, MessageType.sync);
        encoding.writeVarUint(e, SyncMessageType.step1);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      }),
    );
    while (this.step2s === before) await new Promise((r) => setTimeout(r, 10));
  }

  send(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  close(): void {
    this.ws.close();
  }
}
