import type { FeedPage } from '../../core/sync/feed';
import type { Bookkeeping } from './bookkeeping';
import type { Link } from './link';
import { applyServerEvents } from './remote-events';
import type { SyncStorage } from './types';

export interface FeedCallbacks {
  remoteChange(id: string): void;
  revoke(ids: string[]): void;
  caughtUp(): void;
  error(message: string): void;
}

/**
 * Follows the server's changes feed: asks for what changed since the last applied sequence
 * number, applies it page by page, and asks again when the server announces a newer head.
 * Catching up therefore costs what changed, not how many documents exist.
 */
export class FeedFollower {
  head = 0;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Names listed so far in a full listing; null when not in one. */
  private listed: Set<string> | null = null;

  constructor(
    private readonly storage: SyncStorage,
    private readonly book: Bookkeeping,
    private readonly cb: FeedCallbacks,
    private readonly limit = 500,
    private readonly minIntervalMs = 50,
  ) {}

  get busy(): boolean {
    return this.inFlight || this.head > this.book.seq;
  }

  /** The server's newest sequence number (a `head` frame): fetch if we are behind. */
  announce(link: Link, seq: number): void {
    this.head = Math.max(this.head, seq);
    if (!this.inFlight && !this.timer && this.head > this.book.seq) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.request(link);
      }, this.minIntervalMs);
    }
  }

  request(link: Link, since = this.book.seq, full = false): void {
    if (link.closed) return;
    this.inFlight = true;
    link.request(
      (id) => ({ type: 'feed', id, since, limit: this.limit, full }),
      (reply) => {
        if (reply.type === 'feed') this.apply(link, reply.page);
      },
    );
  }

  disconnected(): void {
    this.inFlight = false;
    this.listed = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private apply(link: Link, page: FeedPage): void {
    let unknown = false;
    let idsChanged = false;
    if (page.full) this.listed ??= new Set();
    for (const entry of page.entries) {
      if (entry.name !== null) idsChanged = this.book.remember(entry.id, entry.name) || idsChanged;
      const name = entry.name ?? this.book.idToName.get(entry.id);
      if (name === undefined) {
        unknown = true;
        continue;
      }
      this.listed?.add(name);
      let applied = 0;
      try {
        // Events first: a record new to this machine is created by its `create` event.
        applied = applyServerEvents(this.storage, name, entry.events, (m) => this.cb.error(m));
        for (const update of entry.updates) this.storage.applyRemote(name, update);
      } catch (err) {
        this.cb.error(`“${name}”的更新无法应用:${err instanceof Error ? err.message : String(err)}`);
      }
      if (entry.updates.length > 0 || applied > 0) this.cb.remoteChange(name);
    }
    if (idsChanged) this.book.saveIds();
    if (page.revoked.length > 0) this.cb.revoke(page.revoked);
    this.head = Math.max(this.head, page.head);
    if (page.more) {
      // A partial listing is only final once complete; incremental pages are final one by one.
      if (!page.full && !unknown) this.book.saveSeq(page.upTo);
      this.request(link, page.upTo, page.full);
      return;
    }
    if (this.listed) {
      const gone = this.storage.listDocIds().filter((id) => this.book.known(id) && !this.listed!.has(id));
      this.listed = null;
      if (gone.length > 0) this.cb.revoke(gone);
    }
    this.inFlight = false;
    if (unknown) {
      // An id we cannot name (our bookkeeping was lost): list everything once.
      this.request(link, 0, true);
      return;
    }
    this.book.saveSeq(page.upTo);
    this.cb.caughtUp();
    this.announce(link, this.head);
  }
}
