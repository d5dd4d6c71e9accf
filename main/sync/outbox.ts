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
}

/**
 * Local changes on their way to the server. A document is dirty from its first unacknowledged
 * local update until a push acknowledges (durably, after the server's commit) everything up to
 * its newest local update. Dirty documents survive restarts (bookkeeping); after a reconnect
 * each is sent as the diff against the server's state vector, so nothing depends on what the
 * previous connection managed to send.
 */
export class Outbox {
  private readonly sends = new Map<string, DocSend>();
  private link: Link | null = null;

  constructor(
    private readonly storage: SyncStorage,
    private readonly book: Bookkeeping,
    private readonly onChange: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  get pending(): number {
    return this.book.dirty.size;
  }

  get inFlight(): number {
    let n = 0;
    for (const s of this.sends.values()) n += s.outstanding;
    return n;
  }

  private state(id: string): DocSend {
    let s = this.sends.get(id);
    if (!s) this.sends.set(id, (s = { gen: 1, ackedGen: 0, outstanding: 0, failed: false }));
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
    if (this.link) this.push(this.link, id, update, s.gen);
  }

  /** A new connection: every dirty document is sent as a diff against the server's state. */
  connected(link: Link): void {
    this.link = link;
    for (const s of this.sends.values()) {
      s.outstanding = 0;
      s.failed = false;
    }
    for (const id of [...this.book.dirty]) this.flush(link, id);
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
      // Retried on the next connection, as a diff; nothing is lost meanwhile.
      s.failed = false;
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
    else this.onError(`服务器暂时无法保存“${id}”,稍后重试`);
    this.settle(id, s);
    this.onChange();
  }
}
