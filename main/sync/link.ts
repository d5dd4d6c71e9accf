import { encodeClientFrame, type ClientFrame, type ServerFrame } from '../../core/sync/mux';

type Reply = Extract<ServerFrame, { type: 'ack' | 'sv' | 'feed' | 'submitted' }>;

/**
 * The engine's view of the current connection: sends frames and matches replies to requests.
 * A new Link per connection, so a late reply from an old socket can never be taken for a new one.
 */
export class Link {
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: Reply) => void>();
  closed = false;

  constructor(private readonly sendBytes: (data: Uint8Array) => void) {}

  send(frame: ClientFrame): void {
    if (!this.closed) this.sendBytes(encodeClientFrame(frame));
  }

  /** Sends a request frame; `onReply` runs when its answer arrives (never, if the link closes). */
  request(make: (id: number) => ClientFrame, onReply: (frame: Reply) => void): void {
    const id = this.nextId++;
    this.waiting.set(id, onReply);
    this.send(make(id));
  }

  /** Routes a reply; false if nobody was waiting for it. */
  resolve(frame: Reply): boolean {
    const handler = this.waiting.get(frame.id);
    if (!handler) return false;
    this.waiting.delete(frame.id);
    handler(frame);
    return true;
  }

  get outstanding(): number {
    return this.waiting.size;
  }

  close(): void {
    this.closed = true;
    this.waiting.clear();
  }
}
