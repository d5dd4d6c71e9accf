import { AckStatus } from '../../core/sync/mux';
import type { Bookkeeping } from './bookkeeping';
import type { Link } from './link';
import type { SyncStorage } from './types';

interface DocSend {
  /** Bumped by every local update. */
  gen: number;
  /** The newest generation the server acknowledged. */
  ackedGen: number;
  outstanding: number;
  failed: boolean;
  /** The server could not take a push now (it lacked what it builds on, or could not store): send the diff again soon. */
  resend: boolean;
}

/**
 * Local changes on their way to the server. A document is dirty from its first unacknowledged
 * local update until a push acknowledges (durably, after the server's commit) everything up to
 * its newest local update. Dirty documents survive restarts (bookkeeping); after a reconnect
 * each is sent as the diff against the server's state vector, so nothing depends on what the
 * previous connection managed to send. A record whose `create` event the server has not appended
 * yet is held (`held`): the server takes no Yjs update for a record it does not have, so its
 * edits wait and go as one diff once the event outbox reports the `create` appended (`release`).
 */
export class Outbox {
  private readonly sends = new Map<string, DocSend>();
  private link: Link | null = null;

  constructor(
    private readonly storage: SyncStorage,
    private readonly book: Bookkeeping,
    private readonly onChange: () => void,
    private readonly onError: (message: string) => void,
    private readonly held: (id: string) => boolean = () => false,
    private readonly resendMs = 500,
  ) {}

  get pending(): number {
    return this.book.dirty.size;
  }

  /** The records with edits still to be sent. */
  get records(): Iterable<string> {
    return this.book.dirty;
  }

  get inFlight(): number {
    let n = 0;
    for (const s of this.sends.values()) n += s.outstanding;
    return n;
  }

  private state(id: string): DocSend {
    let s = this.sends.get(id);
    if (!s) this.sends.set(id, (s = { gen: 1, ackedGen: 0, outstanding: 0, failed: false, resend: false }));
    return s;
  }

  /** A local update was saved: mark dirty and, when connected, push it right away. */
  local(id: string, update: Uint8Array): void {
    const s = this.state(id);
    s.gen++;
    if (!this.book.dirty.has(id)) {
      this.book.dirty.add(id);
      this.book.saveDirty();
      this.onChange();
    }
    if (this.link && !this.held(id)) this.push(this.link, id, update, s.gen);
  }

  /** The record's `create` is appended: its held edits go now, as one diff. */
  release(id: string): void {
    if (this.link && this.book.dirty.has(id)) this.flush(this.link, id);
  }

  /** A new connection: every dirty document is sent as a diff against the server's state. */
  connected(link: Link): void {
    this.link = link;
    for (const s of this.sends.values()) {
      s.outstanding = 0;
      s.failed = false;
      s.resend = false;
    }
    for (const id of [...this.book.dirty]) if (!this.held(id)) this.flush(link, id);
  }

  disconnected(): void {
    this.link = null;
  }

  forget(id: string): void {
    this.sends.delete(id);
  }

  private flush(link: Link, id: string): void {
    const s = this.state(id);
    const gen = s.gen;
    s.outstanding++;
    link.request(
      (reqId) => ({ type: 'sv', id: reqId, name: id }),
      (reply) => {
        if (reply.type !== 'sv') return;
        s.outstanding--;
        if (reply.status !== AckStatus.ok) return this.refused(id, s, reply.status);
        this.push(link, id, this.storage.encodeDiff(id, reply.sv), gen);
      },
    );
  }

  private push(link: Link, id: string, update: Uint8Array, gen: number): void {
    const s = this.state(id);
    s.outstanding++;
    link.request(
      (reqId) => ({ type: 'push', id: reqId, name: id, update }),
      (reply) => {
        if (reply.type !== 'ack') return;
        s.outstanding--;
        if (reply.status === AckStatus.ok) s.ackedGen = Math.max(s.ackedGen, gen);
        else return this.refused(id, s, reply.status, reply.reason);
        this.settle(id, s);
      },
    );
  }

  private settle(id: string, s: DocSend): void {
    if (s.outstanding > 0) return;
    if (s.failed) {
      // Retried as a diff: soon when the server asked for it, else on the next connection.
      s.failed = false;
      const link = this.link;
      if (s.resend && link) setTimeout(() => this.link === link && this.book.dirty.has(id) && !this.held(id) && this.flush(link, id), this.resendMs);
      s.resend = false;
      return;
    }
    if (s.ackedGen === s.gen && this.book.dirty.delete(id)) {
      this.book.saveDirty();
      this.onChange();
    }
  }

  private refused(id: string, s: DocSend, status: number, reason = ''): void {
    s.failed = true;
    if (status === AckStatus.denied) this.onError(`无权修改“${id}”,本地修改未同步${reason ? `(${reason})` : ''}`);
    else if (status === AckStatus.invalid) this.onError(`“${id}”的本地修改无法解析,未同步`);
    else s.resend = true; // still pending; sent again shortly
    this.settle(id, s);
    this.onChange();
  }
}
