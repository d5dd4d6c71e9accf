import WebSocket from 'ws';
import type { RecordEvent } from '../../../core/kernel/event';
import type { Actor } from '../../../core/kernel/actor';
import type { SubmitResult } from '../../../core/sync/event-wire';
import { decodeServerFrame, encodeClientFrame, type ClientFrame, type ServerFrame } from '../../../core/sync/mux';
import { MUX_PATH, MUX_VERSION, SyncMessageType } from '../../../core/sync/protocol';
import { createEvent } from '../../../core/sync/testing/record-events';
import * as encoding from 'lib0/encoding';

type Reply<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/**
 * A raw client of the multiplexed endpoint (protocol v2), for tests and the bench: submits events,
 * pushes updates, subscribes, and keeps every frame the server sent (`frames`) and the close code.
 */
export class MuxClient {
  readonly ws: WebSocket;
  readonly frames: ServerFrame[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: ServerFrame) => void>();
  private readonly listeners = new Set<(frame: ServerFrame) => void>();

  constructor(wsUrl: string, token: string, opts: { version?: number; session?: string } = {}) {
    const session = opts.session ? `&session=${opts.session}` : '';
    this.ws = new WebSocket(`${wsUrl}${MUX_PATH}?v=${opts.version ?? MUX_VERSION}${session}&token=${encodeURIComponent(token)}`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      this.frames.push(frame);
      for (const l of this.listeners) l(frame);
      if ('id' in frame) {
        const w = this.waiting.get(frame.id);
        this.waiting.delete(frame.id);
        w?.(frame);
      }
    });
  }

  send(frame: ClientFrame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeClientFrame(frame));
  }

  private request<T extends ServerFrame['type']>(make: (id: number) => ClientFrame): Promise<Reply<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (f) => resolve(f as Reply<T>));
      this.send(make(id));
    });
  }

  /** Submits events (objects are sent as their JSON, strings as they are) and resolves with the results. */
  async submit(name: string, events: ReadonlyArray<RecordEvent | string>): Promise<SubmitResult[]> {
    await this.opened;
    const reply = await this.request<'submitted'>((id) => ({ type: 'submit', id, name, events: events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) }));
    return reply.results;
  }

  async push(name: string, update: Uint8Array): Promise<Reply<'ack'>> {
    await this.opened;
    return this.request<'ack'>((id) => ({ type: 'push', id, name, update }));
  }

  /** Subscribes to a document (sync step 1 with an empty state vector): its updates and events follow. */
  async subscribe(name: string): Promise<void> {
    await this.opened;
    const message = encoding.encode((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, SyncMessageType.step1);
      encoding.writeVarUint8Array(e, new Uint8Array([0]));
    });
    this.send({ type: 'doc', name, message });
  }

  async feed(since = 0): Promise<Reply<'feed'>> {
    await this.opened;
    return this.request<'feed'>((id) => ({ type: 'feed', id, since, limit: 1000, full: false }));
  }

  /** Calls `fn` for every frame from now on; returns the unsubscribe. */
  on(fn: (frame: ServerFrame) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  close(): void {
    this.ws.close();
  }
}

/** Creates a record under `name` by submitting its `create` event; throws unless the server appended it. */
export async function createRecord(wsUrl: string, token: string, name: string, kind: string, by: Actor, sign: (e: RecordEvent) => RecordEvent = (e) => e): Promise<RecordEvent> {
  const client = new MuxClient(wsUrl, token);
  try {
    const event = sign(createEvent(by, kind));
    const [result] = await client.submit(name, [event]);
    if (result?.status !== 'ok') throw new Error(`create of ${name} refused: ${result?.status} ${result?.reason}`);
    return event;
  } finally {
    client.close();
  }
}
