import { isSystemActor } from '../../core/kernel/actor';
import { CREATE, type RecordEvent } from '../../core/kernel/event';
import { MAX_SUBMIT_EVENTS, type SubmitResult } from '../../core/sync/event-wire';
import type { Link } from './link';
import type { SyncStorage } from './types';

export interface EventOutboxCallbacks {
  /** The pending count changed. */
  changed(): void;
  /** The server appended the record's `create`: its Yjs edits may go now. */
  created(id: string): void;
  error(message: string): void;
  /**
   * The server refused a record's imported (`system:*`) `create`: this profile may not push
   * it (only administrators push imports, and only where the account has access).
   */
  importRefused(id: string): void;
}

/**
 * Workflow events on their way to the server. Each record's pending events are submitted in
 * local order, one `submit` at a time per record (at most MAX_SUBMIT_EVENTS each), so its
 * `create` is judged before anything built on it. Answers: `ok` confirms the event with the
 * server's seq; `refused`/`invalid` keep it locally as rejected with the server's reason (the
 * status names the record); `unavailable` leaves it pending and submits again a little later.
 * Every pending event is submitted again after a reconnect: the server acknowledges an id it
 * already holds with the same content, so nothing is appended twice.
 */
export class EventOutbox {
  /** Pending events per record, in local order (a mirror of storage.pendingEvents()). */
  private readonly pending = new Map<string, RecordEvent[]>();
  private readonly inFlight = new Set<string>();
  /** Records whose server could not store their events just now: submitted again after `retryMs`. */
  private readonly held = new Set<string>();
  private link: Link | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: SyncStorage,
    private readonly cb: EventOutboxCallbacks,
    private readonly retryMs = 2000,
  ) {
    for (const { id, event } of storage.pendingEvents()) this.list(id).push(event);
  }

  get count(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  /** The records with events still to be appended. */
  get records(): Iterable<string> {
    return this.pending.keys();
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Whether the record's `create` is still to be appended (its Yjs edits wait until then). */
  awaitsCreate(id: string): boolean {
    return this.pending.get(id)?.some((e) => e.type === CREATE) ?? false;
  }

  private list(id: string): RecordEvent[] {
    let list = this.pending.get(id);
    if (!list) this.pending.set(id, (list = []));
    return list;
  }

  /** An event made on this machine. */
  local(id: string, event: RecordEvent): void {
    this.list(id).push(event);
    this.cb.changed();
    if (this.link) this.submit(this.link, id);
  }

  connected(link: Link): void {
    this.link = link;
    this.inFlight.clear();
    for (const id of this.pending.keys()) this.submit(link, id);
  }

  disconnected(): void {
    this.link = null;
    this.inFlight.clear();
    this.held.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The record was removed locally (access lost): its events went with it. */
  forget(id: string): void {
    this.pending.delete(id);
    this.inFlight.delete(id);
    this.held.delete(id);
  }

  private submit(link: Link, id: string): void {
    const batch = this.pending.get(id)?.slice(0, MAX_SUBMIT_EVENTS) ?? [];
    if (batch.length === 0 || this.inFlight.has(id) || this.held.has(id) || link.closed) return;
    this.inFlight.add(id);
    link.request(
      (reqId) => ({ type: 'submit', id: reqId, name: id, events: batch.map((e) => JSON.stringify(e)) }),
      (reply) => {
        if (reply.type !== 'submitted') return;
        this.inFlight.delete(id);
        this.answered(id, batch, reply.results);
        if (this.link === link) this.submit(link, id);
      },
    );
  }

  private answered(id: string, batch: RecordEvent[], results: SubmitResult[]): void {
    let retry = false;
    let importRefused = false;
    batch.forEach((event, i) => {
      const r = results[i];
      if (!r || r.eventId !== event.id || r.status === 'unavailable') {
        retry = true;
        return;
      }
      this.drop(id, event);
      if (r.status === 'ok') {
        this.storage.applyRemoteEvents(id, [{ seq: r.seq, event }]);
        if (event.type === CREATE) this.cb.created(id);
        return;
      }
      if (event.type === CREATE && isSystemActor(event.actor)) importRefused = true;
      this.storage.rejectEvent(id, event.id, r.reason);
      if (importRefused) return;
      this.cb.error(`“${id}”的办理记录未被服务器接受:${r.reason || (r.status === 'invalid' ? '格式不正确' : '被拒绝')}`);
    });
    this.cb.changed();
    if (importRefused) this.cb.importRefused(id);
    else if (retry) this.retryLater(id);
  }

  private drop(id: string, event: RecordEvent): void {
    const list = this.pending.get(id);
    if (!list) return;
    const rest = list.filter((e) => e.id !== event.id);
    if (rest.length > 0) this.pending.set(id, rest);
    else this.pending.delete(id);
  }

  /** Keeps the events and tries again shortly (the server could not store them now). */
  private retryLater(id: string): void {
    this.held.add(id);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      const ids = [...this.held];
      this.held.clear();
      if (this.link) for (const held of ids) this.submit(this.link, held);
    }, this.retryMs);
  }
}
