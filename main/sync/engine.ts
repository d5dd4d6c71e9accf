import { randomUUID } from 'node:crypto';
import type * as awarenessProtocol from 'y-protocols/awareness';
import { decodeServerFrame, MalformedFrame, type ServerFrame } from '../../core/sync/mux';
import { CloseCode, DenyCode, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { isSystemActor } from '../../core/kernel/actor';
import { Backoff } from './backoff';
import { Bookkeeping } from './bookkeeping';
import { EventOutbox } from './event-outbox';
import { FeedFollower } from './feed-follower';
import { Link } from './link';
import { LiveDocs } from './live-docs';
import { Outbox } from './outbox';
import { applyServerEvents } from './remote-events';
import type { SyncEvents, SyncStatus, SyncStorage, Transport, TransportSocket } from './types';
import { wsTransport } from './ws-transport';

export interface SyncEngineOptions {
  storage: SyncStorage;
  /** The server's base URL, e.g. ws://10.0.0.5:1234 */
  url: string;
  token: string;
  /**
   * Whose view of the server the bookkeeping (feed position, known documents) belongs to;
   * default the URL. The app passes URL + login, so a different user starts from scratch.
   */
  accountKey?: string;
  transport?: Transport;
  sessionId?: string;
  now?: () => number;
  random?: () => number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** No bytes at all for this long means a dead connection (bytes, not messages: see ws-transport). */
  watchdogMs?: number;
  feedPageSize?: number;
}

type Listener<K extends keyof SyncEvents> = SyncEvents[K];

/**
 * Background sync of every document the user may see, in the main process (one engine shared
 * by all windows). One multiplexed socket carries the changes feed (catch-up in proportion to
 * what changed), submitted workflow events, acknowledged pushes of local changes, and live
 * subscriptions of open documents. A record's events go before its Yjs edits (its `create`
 * first: the server takes no update for a record it does not have). Offline edits and events stay
 * pending until the server takes them; reconnects back off exponentially with jitter.
 */
export class SyncEngine {
  private readonly storage: SyncStorage;
  private readonly transport: Transport;
  private readonly now: () => number;
  private readonly sessionId: string;
  private readonly backoff: Backoff;
  private readonly book: Bookkeeping;
  private readonly outbox: Outbox;
  private readonly events: EventOutbox;
  private readonly feed: FeedFollower;
  private readonly live: LiveDocs;
  private readonly listeners: { [K in keyof SyncEvents]: Set<Listener<K>> } = { status: new Set(), revoked: new Set(), remoteChange: new Set() };
  private token: string;
  private socket: TransportSocket | null = null;
  private link: Link | null = null;
  private running = false;
  private open = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastActivity = 0;
  private unsubscribeLocal: Array<() => void> = [];
  private lastSyncAt: number | null = null;
  private error: string | null = null;
  /** The last close was 4401 (see SyncStatus.needsLogin); cleared by setToken() and a catch-up. */
  private needsLogin = false;
  private lastStatus = '';

  constructor(private readonly opts: SyncEngineOptions) {
    this.storage = opts.storage;
    this.transport = opts.transport ?? wsTransport;
    this.now = opts.now ?? Date.now;
    this.sessionId = opts.sessionId ?? randomUUID();
    this.token = opts.token;
    this.backoff = new Backoff(opts.backoffBaseMs ?? 500, opts.backoffMaxMs ?? 30_000, opts.random ?? Math.random);
    this.book = new Bookkeeping(this.storage, opts.accountKey ?? opts.url);
    this.events = new EventOutbox(this.storage, {
      changed: () => this.emitStatus(),
      created: (id) => this.outbox.release(id),
      error: (m) => this.fail(m),
      importRefused: (id) => this.dropImport(id),
    });
    this.outbox = new Outbox(this.storage, this.book, () => this.emitStatus(), (m) => this.fail(m), (id) => this.events.awaitsCreate(id));
    this.feed = new FeedFollower(this.storage, this.book, {
      remoteChange: (id) => this.emit('remoteChange', id),
      revoke: (ids) => this.revoke(ids),
      caughtUp: () => {
        this.lastSyncAt = this.now();
        this.error = null;
        this.needsLogin = false;
        this.backoff.reset();
        this.emitStatus();
      },
      error: (m) => this.fail(m),
    }, opts.feedPageSize ?? 500);
    this.live = new LiveDocs(this.storage, (id) => this.emit('remoteChange', id), (id) => this.book.dirty.has(id), (id, sv) => this.pushDiff(id, sv));
    // Local edits and events are tracked from the start, online or not: that is what makes them "pending".
    this.unsubscribeLocal = [
      this.storage.onLocalUpdate((id, update) => this.outbox.local(id, update)),
      this.storage.onEvent((id, event, origin) => origin === 'local' && this.events.local(id, event)),
    ];
  }

  /** Goes online: connects, and keeps reconnecting until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Goes offline; local edits are still tracked and sent after the next start(). */
  stop(): void {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.dropSocket();
    this.emitStatus();
  }

  /** Stops for good and detaches from the storage. */
  destroy(): void {
    this.stop();
    for (const off of this.unsubscribeLocal) off();
    this.unsubscribeLocal = [];
  }

  /** A new token (after login); reconnects with it. */
  setToken(token: string): void {
    this.token = token;
    this.error = null;
    this.needsLogin = false;
    if (!this.running) return;
    this.dropSocket();
    this.connect();
  }

  /** Subscribes a document shown in a window: live edits and presence. Returns the unsubscribe. */
  watch(id: string, awareness: awarenessProtocol.Awareness | null = null): () => void {
    return this.live.watch(id, awareness);
  }

  status(): SyncStatus {
    const state = !this.running ? 'offline' : !this.socket ? 'offline' : !this.open ? 'connecting' : this.busy() ? 'syncing' : 'online';
    return { state, pending: new Set([...this.outbox.records, ...this.events.records]).size, lastSyncAt: this.lastSyncAt, error: this.error, needsLogin: this.needsLogin };
  }

  /** Resolves once connected, caught up, and nothing local is unacknowledged. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.status().state !== 'online') return false;
        this.off('status', onStatus);
        resolve();
        return true;
      };
      const onStatus = () => void check();
      this.on('status', onStatus);
      check();
    });
  }

  on<K extends keyof SyncEvents>(event: K, listener: SyncEvents[K]): () => void {
    (this.listeners[event] as Set<SyncEvents[K]>).add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof SyncEvents>(event: K, listener: SyncEvents[K]): void {
    (this.listeners[event] as Set<SyncEvents[K]>).delete(listener);
  }

  private emit<K extends keyof SyncEvents>(event: K, ...args: Parameters<SyncEvents[K]>): void {
    for (const l of this.listeners[event] as Set<(...a: Parameters<SyncEvents[K]>) => void>) l(...args);
  }

  private busy(): boolean {
    return this.feed.busy || this.outbox.pending > 0 || this.outbox.inFlight > 0 || this.events.count > 0 || this.events.busy;
  }

  private emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.emit('status', status);
  }

  private fail(message: string): void {
    this.error = message;
    this.emitStatus();
  }

  private connect(): void {
    if (!this.running || this.socket) return;
    const url = `${this.opts.url.replace(/\/+$/, '')}${MUX_PATH}?v=${MUX_VERSION}&session=${this.sessionId}&token=${encodeURIComponent(this.token)}`;
    let link: Link | null = null;
    const socket = this.transport(url, {
      onOpen: () => {
        if (this.socket !== socket) return;
        this.open = true;
        link = new Link((data) => socket.send(data));
        this.link = link;
        this.feed.request(link);
        // Events before Yjs diffs: a new record's `create` must be appended before its edits are taken.
        this.events.connected(link);
        this.outbox.connected(link);
        this.live.connected(link);
        this.emitStatus();
      },
      onMessage: (data) => {
        if (this.socket === socket && link) this.onFrame(link, data);
      },
      onActivity: () => {
        this.lastActivity = this.now();
      },
      onClose: (code, reason) => {
        if (this.socket === socket) this.onClosed(code, reason);
      },
    });
    this.socket = socket;
    this.lastActivity = this.now();
    this.watchdog ??= setInterval(() => {
      if (this.socket && this.now() - this.lastActivity > (this.opts.watchdogMs ?? 45_000)) {
        this.dropSocket();
        this.scheduleReconnect();
      }
    }, 5_000);
    this.emitStatus();
  }

  private onFrame(link: Link, data: Uint8Array): void {
    let frame: ServerFrame;
    try {
      frame = decodeServerFrame(data);
    } catch (err) {
      this.fail(`服务器消息无法解析:${err instanceof MalformedFrame ? err.message : String(err)}`);
      this.dropSocket();
      this.scheduleReconnect();
      return;
    }
    try {
      switch (frame.type) {
        case 'ack':
        case 'sv':
        case 'feed':
        case 'submitted':
          link.resolve(frame);
          break;
        case 'events':
          if (applyServerEvents(this.storage, frame.name, frame.events, (m) => this.fail(m)) > 0) this.emit('remoteChange', frame.name);
          break;
        case 'head':
          this.feed.announce(link, frame.seq);
          break;
        case 'doc':
          this.live.receive(frame.name, frame.message);
          break;
        case 'denied':
          this.live.drop(frame.name);
          if (frame.code === DenyCode.forbidden && this.book.known(frame.name)) this.revoke([frame.name]);
          else if (frame.code !== DenyCode.forbidden) this.fail(`“${frame.name}”暂时无法同步:${frame.reason}`);
          break;
      }
    } catch (err) {
      // A storage failure (disk full, an update that cannot be stored) must not kill the process;
      // what was not applied is fetched again after the next reconnect.
      this.fail(`同步数据无法保存:${err instanceof Error ? err.message : String(err)}`);
    }
    this.emitStatus();
  }

  private pushDiff(id: string, serverSv: Uint8Array): void {
    this.outbox.local(id, this.storage.encodeDiff(id, serverSv));
  }

  /**
   * An imported record (the seed) whose `create` the server would not take from this profile:
   * unless someone here has acted on it, it goes from this machine quietly. What the account may
   * see arrives through the feed once an administrator has pushed the import, so a profile that
   * imported the seed on first start ends with the records its units may see, and nothing stays
   * pending forever. A record with local work is kept, its events marked refused.
   */
  private dropImport(id: string): void {
    if (!this.storage.events(id).every((e) => isSystemActor(e.event.actor))) return;
    this.forgetLocally([id]);
    this.emitStatus();
  }

  private forgetLocally(ids: string[]): string[] {
    const removed: string[] = [];
    for (const id of ids) {
      this.live.drop(id);
      this.outbox.forget(id);
      this.events.forget(id);
      this.book.forget(id);
      if (this.storage.listDocIds().includes(id)) {
        this.storage.remove(id);
        removed.push(id);
      }
    }
    this.book.saveIds();
    this.book.saveDirty();
    return removed;
  }

  private revoke(ids: string[]): void {
    const removed = this.forgetLocally(ids);
    if (removed.length > 0) this.emit('revoked', removed);
    this.emitStatus();
  }

  private onClosed(code: number, reason: string): void {
    this.dropSocket();
    if (code === CloseCode.unauthenticated) {
      // Retrying with the same token cannot help: wait for setToken().
      this.needsLogin = true;
      this.fail(`登录已失效,请重新登录(${reason})`);
      return;
    }
    if (code !== CloseCode.goingAway && code !== 1000 && code !== 1006) this.fail(`与服务器的连接已断开(${code}${reason ? ` ${reason}` : ''})`);
    this.scheduleReconnect();
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.open = false;
    this.link?.close();
    this.link = null;
    this.feed.disconnected();
    this.events.disconnected();
    this.outbox.disconnected();
    this.live.disconnected();
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    socket?.close(1000, 'client closing');
    this.emitStatus();
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, this.backoff.next());
  }
}
