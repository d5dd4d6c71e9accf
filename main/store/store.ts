import type { Database } from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import { AREAS } from '../../core/areas';
import type { RecordEvent, StoredEvent } from '../../core/kernel/event';
import type { Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import type { SearchResult } from '../../core/ipc/search';
import { AppError } from '../../core/result';
import { migrateAreas } from './area-migrate';
import { toStoreError, withStoreErrors } from './errors';
import { markClosed, markOpen } from './integrity';
import { EventLog } from './event-log';
import { Listeners, type ChangeListener, type EventListener, type RemoveListener, type UpdateListener, type WriteOrigin } from './listeners';
import { checkedEvent, prepareNew, type NewRecord } from './new-records';
import { DB_FILE_NAME, openUnmarked } from './open-db';
import { Projector } from './projector';
import { RecordLog, type RecordRef } from './record-log';
import { RecordMemory, STORE_ORIGIN } from './record-memory';
import { RecordWriter } from './record-writer';
import { RecordRows, remoteBatch } from './remote-events';
import { rebuildAll, type RebuildResult } from './rebuild';
import { Search, type SearchQueryInput, type SearchTuning } from './search';
import { SearchIndex } from './search-index';

export type { NewRecord };
export type { UpdateListener, EventListener };
/** Where a committed update came from: this machine (`change`, `create`, `act`) or elsewhere (sync). */
export type UpdateOrigin = WriteOrigin;

export interface StoreOptions {
  dir: string;
  now?: () => Date;
  /** Compact a record once it has more than this many updates since its snapshot. */
  compactEvery?: number;
  /** Decoded documents kept in memory. */
  cacheSize?: number;
  busyTimeoutMs?: number;
  nativeBinding?: string;
  searchTuning?: SearchTuning;
  /** The areas this store knows (core/areas.ts by default); tests add an area or make one fail. */
  registry?: AreaRegistry;
}


/**
 * The local store of one profile (see README.md). A record is its Yjs update log (fields, body)
 * and its events (`record_events`); everything else — each area's projection, the full-text
 * index, 待办, 已办, deadlines, notices — is derived through the record's area (the registry),
 * written in the same SQLite transaction as the write that changes it, and can be rebuilt.
 */
export class Store {
  readonly dir: string;
  readonly file: string;
  readonly registry: AreaRegistry;
  /** Counters for tests and the benchmark. */
  readonly stats = { decodes: 0, compactions: 0, reductions: 0 };

  private readonly log: RecordLog;
  private readonly eventLog: EventLog;
  private readonly memory: RecordMemory;
  private readonly index: SearchIndex;
  private readonly projector: Projector;
  private readonly writer: RecordWriter;
  private readonly searcher: Search;
  private readonly listeners = new Listeners();
  private readonly readModels = new Map<unknown, unknown>();
  private readonly rows: RecordRows;
  private readonly now: () => Date;

  private constructor(
    private readonly db: Database,
    opts: StoreOptions,
    registry: AreaRegistry,
  ) {
    this.dir = opts.dir;
    this.file = path.join(opts.dir, DB_FILE_NAME);
    this.registry = registry;
    this.now = opts.now ?? (() => new Date());
    this.memory = new RecordMemory(opts.cacheSize ?? 64);
    this.log = new RecordLog(db);
    this.eventLog = new EventLog(db);
    this.index = new SearchIndex(db);
    this.projector = new Projector(db, registry, this.index);
    this.searcher = new Search(db, opts.searchTuning);
    this.rows = new RecordRows(db);
    this.writer = new RecordWriter({
      db,
      file: this.file,
      registry,
      log: this.log,
      eventLog: this.eventLog,
      projector: this.projector,
      index: this.index,
      listeners: this.listeners,
      memory: this.memory,
      compactEvery: Math.max(1, opts.compactEvery ?? 100),
      stats: this.stats,
      now: this.now,
    });
  }

  /** Opens (or creates) `<dir>/xietong.db`. Throws STORE_CORRUPT / STORE_LOCKED / STORE_UNAVAILABLE. */
  static open(opts: StoreOptions): Store {
    const { db, sound } = openUnmarked(opts.dir, {
      ...(opts.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: opts.busyTimeoutMs }),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    try {
      const registry = opts.registry ?? AREAS;
      withStoreErrors(path.join(opts.dir, DB_FILE_NAME), () => migrateAreas(db, registry));
      const store = new Store(db, opts, registry);
      if (store.getMeta('needs_reindex') === '1') store.rebuildIndex();
      markOpen(db, sound, Date.now());
      return store;
    } catch (err) {
      db.close();
      throw toStoreError(err, path.join(opts.dir, DB_FILE_NAME));
    }
  }

  close(): void {
    if (this.writer.closed) return;
    this.writer.closed = true;
    this.memory.clear();
    this.listeners.clear();
    try {
      // Keeps the query planner's statistics current; bounded so closing stays quick.
      this.db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize;');
    } catch {
      // Statistics are an optimisation; closing must still release the file.
    }
    try {
      markClosed(this.db);
    } catch {
      // Unmarked, the next open checks every page: slower, never wrong.
    }
    this.db.close();
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM records LIMIT 1').get() === undefined;
  }

  count(kind?: string): number {
    const row = kind
      ? (this.db.prepare('SELECT count(*) AS n FROM records WHERE kind = ?').get(kind) as { n: number })
      : (this.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number });
    return row.n;
  }

  has(id: string): boolean {
    return this.log.find(id) !== null;
  }

  kindOf(id: string): string | null {
    return this.log.find(id)?.kind ?? null;
  }

  /** The record's document, decoded on first access. Callers must not modify it: use change() or act(). */
  getDoc(id: string): Y.Doc {
    return this.docFor(this.ref(id));
  }

  /** The record's events: confirmed by seq, then pending in local order; rejected ones last (not reduced). */
  events(id: string): StoredEvent[] {
    const ref = this.ref(id);
    return withStoreErrors(this.file, () => this.eventLog.list(ref.rid));
  }

  /** The record's state from its area's reducer over its confirmed then pending events; cached, shared: do not modify. */
  reduced<S>(id: string): Reduced<S> {
    const cached = this.memory.reduced(id);
    if (cached) return cached as Reduced<S>;
    const reduced = withStoreErrors(this.file, () => this.writer.reduceNow(this.ref(id)));
    this.memory.remember(id, reduced);
    return reduced as Reduced<S>;
  }

  create(kind: string, build: (doc: Y.Doc) => void, opts: { id?: string; createEvent?: RecordEvent; deterministic?: boolean } = {}): string {
    const [id] = this.createMany([{ kind, build, ...opts }]);
    return id as string;
  }

  /** Creates records with their first events in one transaction (imports, benchmark): all or nothing. */
  createMany(items: readonly NewRecord[]): string[] {
    const at = this.now().toISOString();
    const built = prepareNew(items, this.registry, STORE_ORIGIN);
    this.writer.writeNew(built, at);
    return built.map((b) => b.id);
  }

  /**
   * Runs `mutate` in one Yjs transaction and persists the resulting update together with the
   * projections and the index in one SQLite transaction. When this returns, the change is on
   * disk. If anything fails, the in-memory doc is dropped so memory never runs ahead of disk.
   */
  change(id: string, mutate: (doc: Y.Doc) => void): void {
    const ref = this.ref(id);
    const doc = this.docFor(ref);
    const updates = this.memory.capturing(id, doc, () => doc.transact(() => mutate(doc), STORE_ORIGIN));
    if (updates.length === 0) return;
    this.writer.writeRecord(id, doc, { updates, events: [], origin: 'local', apply: () => this.writer.appendUpdates(ref, updates) });
  }

  /**
   * A workflow action of this machine: the event (pending, until the server confirms it) and
   * the Y.Doc change it carries, if any (files, updatedAt), with projections, FTS, 待办, 已办,
   * deadlines and notices, in ONE transaction. The caller judged and signed the event (main/kernel/act.ts).
   */
  act(id: string, event: RecordEvent, mutate?: (doc: Y.Doc) => void): void {
    const checked = checkedEvent(event);
    const ref = this.ref(id);
    if (this.eventLog.find(ref.rid, checked.id)) throw new AppError('CONFLICT', `操作已存在:${checked.id}`);
    const doc = this.docFor(ref);
    const updates = mutate ? this.memory.capturing(id, doc, () => doc.transact(() => mutate(doc), STORE_ORIGIN)) : [];
    this.writer.writeRecord(id, doc, {
      updates,
      events: [checked],
      origin: 'local',
      apply: () => {
        this.eventLog.addPending(ref.rid, checked);
        return this.writer.appendUpdates(ref, updates);
      },
    });
  }

  /**
   * Events the sync server appended (with their sequence numbers): each is inserted as confirmed,
   * or confirms this machine's pending event of the same id. An unknown record is created (with
   * an empty Y.Doc, its fields arriving by Yjs) when the first event is its `create`.
   */
  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void {
    const known = this.log.find(id);
    const { kind, fresh } = remoteBatch(id, events, known, this.eventLog, this.registry);
    if (fresh.length === 0) return;
    const doc = known ? this.docFor(known) : new Y.Doc({ guid: id });
    const added: RecordEvent[] = [];
    this.writer.writeRecord(id, doc, {
      updates: [],
      events: added,
      origin: 'remote',
      apply: () => {
        const ref = known ?? this.writer.insertRecord(id, kind);
        for (const { seq, event } of fresh) {
          if (this.eventLog.find(ref.rid, event.id)) this.eventLog.confirm(ref.rid, event.id, seq);
          else {
            this.eventLog.addConfirmed(ref.rid, seq, event);
            added.push(event);
          }
        }
        return ref;
      },
    });
    if (!known) this.memory.adopt(id, doc);
  }

  /** The server refused this machine's pending event: kept as `rejected` with its reason, no longer reduced. */
  rejectEvent(id: string, eventId: string, reason: string): boolean {
    const ref = this.ref(id);
    if (this.eventLog.find(ref.rid, eventId)?.status !== 'pending') return false;
    this.writer.writeRecord(id, this.docFor(ref), {
      updates: [],
      events: [],
      origin: 'remote',
      apply: () => {
        this.eventLog.reject(ref.rid, eventId, reason);
        return ref;
      },
    });
    return true;
  }

  /** Every pending event (what the sync engine submits): records in rid order, events in local order. */
  pendingEvents(): Array<{ id: string; event: RecordEvent }> {
    return withStoreErrors(this.file, () => this.eventLog.pending());
  }

  /** The highest sequence number the server gave an event of this record (0 if none). */
  confirmedSeq(id: string): number {
    const ref = this.ref(id);
    return this.eventLog.confirmedSeq(ref.rid);
  }

  /** Applies an update from elsewhere (sync). Unknown records are created from it (their `fields.kind`). */
  applyUpdate(id: string, update: Uint8Array): void {
    const ref = this.log.find(id);
    if (!ref) {
      this.writer.createFromUpdate(id, update);
      return;
    }
    const doc = this.docFor(ref);
    const emitted = this.memory.capturing(id, doc, () => Y.applyUpdate(doc, update, STORE_ORIGIN));
    // Parts waiting for missing dependencies are not emitted yet; keep the raw update so they
    // survive eviction and restart.
    const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    if (emitted.length === 0 && !waiting) return;
    this.writer.writeRecord(id, doc, { updates: [update], events: [], origin: 'remote', apply: () => this.writer.appendUpdates(ref, [update]) });
  }

  /**
   * Deletes a record entirely — its log, events, projection rows and index entries — in one
   * transaction (sync: the user may no longer see it). Returns false if it did not exist.
   */
  remove(id: string): boolean {
    const ref = this.log.find(id);
    if (!ref) return false;
    // What the record named (its files) is told after it is gone, so upkeep can drop orphans.
    const events = withStoreErrors(this.file, () => this.eventLog.list(ref.rid)).map((e) => e.event);
    this.writer.write(() => this.rows.remove(ref.rid));
    this.memory.clear(id);
    this.listeners.removed(id, events);
    this.listeners.changed([id]);
    return true;
  }

  /** Every record id (sync: the documents to offer the server). */
  ids(): string[] {
    return this.db.prepare('SELECT id FROM records ORDER BY rid').pluck().all() as string[];
  }

  /** A small durable key-value space in the profile (sync settings and bookkeeping). */
  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Sets (or, with null, deletes) a meta value; joins the current store transaction if called inside one. */
  setMeta(key: string, value: string | null): void {
    if (this.writer.closed) throw new AppError('STORE_UNAVAILABLE', '数据库已关闭');
    withStoreErrors(this.file, () => {
      if (value === null) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
      else this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
    });
  }

  /**
   * A read model over this profile's tables (an area's repository, the dashboard), made once per
   * store by `make`. The profile is opened with exclusive locking, so read models share the
   * store's one connection; they must not write (writes go through the store's methods).
   */
  use<T>(make: (db: Database, store: Store) => T): T {
    if (!this.readModels.has(make)) this.readModels.set(make, make(this.db, this));
    return this.readModels.get(make) as T;
  }

  /** Every committed Yjs update with its bytes and origin (sync); `inTransaction`: inside the write's transaction. */
  onUpdate(listener: UpdateListener, opts: { inTransaction?: boolean } = {}): () => void {
    return this.listeners.onUpdate(listener, opts.inTransaction);
  }

  /** Every event written (this machine's, or new from the server); `inTransaction`: inside the write's transaction. */
  onEvent(listener: EventListener, opts: { inTransaction?: boolean } = {}): () => void {
    return this.listeners.onEvent(listener, opts.inTransaction);
  }

  /** A record removed from this profile (access withdrawn), with the events it held. */
  onRemove(listener: RemoveListener): () => void {
    return this.listeners.onRemove(listener);
  }

  /** The ids of the records each committed write changed. */
  onChange(listener: ChangeListener): () => void {
    return this.listeners.onChange(listener);
  }

  /** Folds a record's updates into its snapshot (one transaction). */
  compact(id: string): void {
    const ref = this.ref(id);
    this.writer.write(() => this.log.compact(ref.rid));
    this.stats.compactions += 1;
  }

  /** Drops and rebuilds every derived table and the full-text index from the log and the events. */
  rebuildIndex(): RebuildResult {
    const result = this.writer.write(() =>
      rebuildAll(this.db, {
        projector: this.projector,
        index: this.index,
        load: (ref) => {
          this.stats.decodes += 1;
          return { doc: this.log.load(ref.rid, ref.id).doc, reduced: this.writer.reduceNow(ref) };
        },
      }),
    );
    this.memory.clear();
    return result;
  }

  search(query: SearchQueryInput): SearchResult {
    return withStoreErrors(this.file, () => this.searcher.query(query));
  }

  // ---- internals ----

  private ref(id: string): RecordRef {
    const ref = this.log.find(id);
    if (!ref) throw new AppError('NOT_FOUND', `记录不存在:${id}`);
    return ref;
  }

  private docFor(ref: RecordRef): Y.Doc {
    const cached = this.memory.doc(ref.id);
    if (cached) return cached;
    const doc = withStoreErrors(this.file, () => this.log.load(ref.rid, ref.id).doc);
    this.stats.decodes += 1;
    this.memory.adopt(ref.id, doc);
    return doc;
  }
}
