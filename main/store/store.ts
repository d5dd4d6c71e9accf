import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as Y from 'yjs';
import { AREAS } from '../../core/areas';
import { CREATE, CreatePayload, type RecordEvent, type StoredEvent } from '../../core/kernel/event';
import { reduceRecord, type Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import type { SearchResult } from '../../core/ipc/search';
import { recordKindOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { migrateAreas } from './area-migrate';
import { DocCache } from './doc-cache';
import { withStoreErrors } from './errors';
import { EventLog } from './event-log';
import { Listeners, type ChangeListener, type EventListener, type UpdateListener, type WriteOrigin } from './listeners';
import { buildNewDoc, checkedEvent, eventsOfNew, type NewRecord } from './new-records';
import { DB_FILE_NAME, openDatabase } from './open-db';
import { Projector } from './projector';
import { RecordLog, type RecordRef } from './record-log';
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

/** Transaction origin of every write made through the store; any other origin is a stray write. */
const STORE_ORIGIN = Symbol('xietong-store');
/** Reduced records kept in memory (cheap to recompute; the detail and act paths reread the same few). */
const REDUCED_CACHE = 1000;

/** One record's write inside the store's transaction: `apply` writes the log and events and returns the record. */
interface RecordWrite {
  updates: Uint8Array[];
  events: RecordEvent[];
  origin: WriteOrigin;
  apply: () => RecordRef;
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
  private readonly cache: DocCache;
  private readonly reducedCache = new Map<string, Reduced<unknown>>();
  private readonly index: SearchIndex;
  private readonly projector: Projector;
  private readonly searcher: Search;
  private readonly listeners = new Listeners();
  private readonly readModels = new Map<unknown, unknown>();
  /** Tables with a `rid` column (projections, index texts, log, events), found once for remove(). */
  private ridTables: string[] | null = null;
  private readonly now: () => Date;
  private readonly compactEvery: number;
  /** The doc a store write is running on, and the updates Yjs emitted for it so far. */
  private capture: { doc: Y.Doc; updates: Uint8Array[] } | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database,
    opts: StoreOptions,
    registry: AreaRegistry,
  ) {
    this.dir = opts.dir;
    this.file = path.join(opts.dir, DB_FILE_NAME);
    this.registry = registry;
    this.now = opts.now ?? (() => new Date());
    this.compactEvery = Math.max(1, opts.compactEvery ?? 100);
    this.cache = new DocCache(Math.max(1, opts.cacheSize ?? 64));
    this.log = new RecordLog(db);
    this.eventLog = new EventLog(db);
    this.index = new SearchIndex(db);
    this.projector = new Projector(db, registry, this.index);
    this.searcher = new Search(db, opts.searchTuning);
  }

  /** Opens (or creates) `<dir>/xietong.db`. Throws STORE_CORRUPT / STORE_LOCKED / STORE_UNAVAILABLE. */
  static open(opts: StoreOptions): Store {
    const db = openDatabase(opts.dir, {
      ...(opts.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: opts.busyTimeoutMs }),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    try {
      const registry = opts.registry ?? AREAS;
      withStoreErrors(path.join(opts.dir, DB_FILE_NAME), () => migrateAreas(db, registry));
      const store = new Store(db, opts, registry);
      if (store.getMeta('needs_reindex') === '1') store.rebuildIndex();
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.reducedCache.clear();
    this.listeners.clear();
    try {
      // Keeps the query planner's statistics current; bounded so closing stays quick.
      this.db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize;');
    } catch {
      // Statistics are an optimisation; closing must still release the file.
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
    const cached = this.reducedCache.get(id);
    if (cached) return cached as Reduced<S>;
    const reduced = withStoreErrors(this.file, () => this.reduceNow(this.ref(id)));
    this.remember(id, reduced);
    return reduced as Reduced<S>;
  }

  create(kind: string, build: (doc: Y.Doc) => void, opts: { id?: string; createEvent?: RecordEvent; deterministic?: boolean } = {}): string {
    const [id] = this.createMany([{ kind, build, ...opts }]);
    return id as string;
  }

  /** Creates records with their first events in one transaction (imports, benchmark): all or nothing. */
  createMany(items: readonly NewRecord[]): string[] {
    const at = this.now().toISOString();
    const built = items.map((item) => {
      if (!this.registry.byKind(item.kind)) throw new AppError('BAD_INPUT', `未知的记录类型:${item.kind}`);
      const id = item.id ?? randomUUID();
      const doc = buildNewDoc(id, item, STORE_ORIGIN);
      return { id, kind: item.kind, doc, state: Y.encodeStateAsUpdate(doc), events: eventsOfNew(item), reduced: null as Reduced<unknown> | null };
    });
    this.write(() => {
      for (const b of built) {
        if (this.log.find(b.id)) throw new AppError('CONFLICT', `记录已存在:${b.id}`);
        const rid = this.log.insert(b.id, b.kind, at, b.state);
        for (const event of b.events) this.eventLog.addPending(rid, event);
        const ref = { rid, id: b.id, kind: b.kind, pending: 0, createdAt: at };
        b.reduced = this.reduceNow(ref);
        this.projector.write(ref, b.doc, b.reduced);
        this.listeners.during(b.id, [b.state], b.events, 'local');
      }
    });
    for (const b of built) {
      this.adopt(b.id, b.doc);
      if (b.reduced) this.remember(b.id, b.reduced);
    }
    this.listeners.changed(built.map((b) => b.id));
    for (const b of built) this.listeners.after(b.id, [b.state], b.events, 'local');
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
    const updates = this.capturing(id, doc, () => doc.transact(() => mutate(doc), STORE_ORIGIN));
    if (updates.length === 0) return;
    this.writeRecord(id, doc, { updates, events: [], origin: 'local', apply: () => this.appendUpdates(ref, updates) });
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
    const updates = mutate ? this.capturing(id, doc, () => doc.transact(() => mutate(doc), STORE_ORIGIN)) : [];
    this.writeRecord(id, doc, {
      updates,
      events: [checked],
      origin: 'local',
      apply: () => {
        this.eventLog.addPending(ref.rid, checked);
        return this.appendUpdates(ref, updates);
      },
    });
  }

  /**
   * Events the sync server appended (with their sequence numbers): each is inserted as confirmed,
   * or confirms this machine's pending event of the same id. An unknown record is created (with
   * an empty Y.Doc, its fields arriving by Yjs) when the first event is its `create`.
   */
  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void {
    const incoming = events.map(({ seq, event }) => {
      if (!Number.isSafeInteger(seq) || seq < 1) throw new AppError('BAD_INPUT', `操作序号无效:${String(seq)}`);
      return { seq, event: checkedEvent(event) };
    });
    if (incoming.length === 0) return;
    const known = this.log.find(id);
    let kind = known?.kind;
    if (!known) {
      const first = incoming[0]!.event;
      kind = first.type === CREATE ? CreatePayload.safeParse(first.payload).data?.kind : undefined;
      if (!kind || !this.registry.byKind(kind)) throw new AppError('BAD_INPUT', `无法识别记录类型:${id}`);
    }
    const fresh = incoming.filter(({ event, seq }) => {
      const stored = known ? this.eventLog.find(known.rid, event.id) : null;
      return !stored || stored.status !== 'confirmed' || stored.seq !== seq;
    });
    if (fresh.length === 0) return;
    const doc = known ? this.docFor(known) : new Y.Doc({ guid: id });
    const added: RecordEvent[] = [];
    this.writeRecord(id, doc, {
      updates: [],
      events: added,
      origin: 'remote',
      apply: () => {
        const ref = known ?? this.insertRecord(id, kind as string);
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
    if (!known) this.adopt(id, doc);
  }

  /** The server refused this machine's pending event: kept as `rejected` with its reason, no longer reduced. */
  rejectEvent(id: string, eventId: string, reason: string): boolean {
    const ref = this.ref(id);
    if (this.eventLog.find(ref.rid, eventId)?.status !== 'pending') return false;
    this.writeRecord(id, this.docFor(ref), {
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
      this.createFromUpdate(id, update);
      return;
    }
    const doc = this.docFor(ref);
    const emitted = this.capturing(id, doc, () => Y.applyUpdate(doc, update, STORE_ORIGIN));
    // Parts waiting for missing dependencies are not emitted yet; keep the raw update so they
    // survive eviction and restart.
    const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    if (emitted.length === 0 && !waiting) return;
    this.writeRecord(id, doc, { updates: [update], events: [], origin: 'remote', apply: () => this.appendUpdates(ref, [update]) });
  }

  /**
   * Deletes a record entirely — its log, events, projection rows and index entries — in one
   * transaction (sync: the user may no longer see it). Returns false if it did not exist.
   */
  remove(id: string): boolean {
    const ref = this.log.find(id);
    if (!ref) return false;
    this.write(() => {
      // Child rows first would need an order; deferring the foreign-key checks to the commit does not.
      this.db.pragma('defer_foreign_keys = ON');
      for (const table of this.tablesWithRid()) this.db.prepare(`DELETE FROM "${table}" WHERE rid = ?`).run(ref.rid);
      this.db.prepare('DELETE FROM search WHERE rowid = ?').run(ref.rid);
      this.db.prepare('DELETE FROM records WHERE rid = ?').run(ref.rid);
    });
    this.cache.delete(id);
    this.reducedCache.delete(id);
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
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', '数据库已关闭');
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

  /** The ids of the records each committed write changed. */
  onChange(listener: ChangeListener): () => void {
    return this.listeners.onChange(listener);
  }

  /** Folds a record's updates into its snapshot (one transaction). */
  compact(id: string): void {
    const ref = this.ref(id);
    this.write(() => this.log.compact(ref.rid));
    this.stats.compactions += 1;
  }

  /** Drops and rebuilds every derived table and the full-text index from the log and the events. */
  rebuildIndex(): RebuildResult {
    const result = this.write(() =>
      rebuildAll(this.db, {
        projector: this.projector,
        index: this.index,
        load: (ref) => {
          this.stats.decodes += 1;
          return { doc: this.log.load(ref.rid, ref.id).doc, reduced: this.reduceNow(ref) };
        },
      }),
    );
    this.cache.clear();
    this.reducedCache.clear();
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
    const cached = this.cache.get(ref.id);
    if (cached) return cached;
    const doc = withStoreErrors(this.file, () => this.log.load(ref.rid, ref.id).doc);
    this.stats.decodes += 1;
    this.adopt(ref.id, doc);
    return doc;
  }

  private reduceNow(ref: RecordRef): Reduced<unknown> {
    this.stats.reductions += 1;
    const area = this.registry.byKind(ref.kind);
    if (!area) return { state: undefined, history: [], conflicts: 0, head: null, created: null };
    return reduceRecord(area, this.eventLog.reducible(ref.rid));
  }

  private remember(id: string, reduced: Reduced<unknown>): void {
    this.reducedCache.delete(id);
    this.reducedCache.set(id, reduced);
    if (this.reducedCache.size > REDUCED_CACHE) this.reducedCache.delete(this.reducedCache.keys().next().value as string);
  }

  /** Caches a doc that matches disk, and evicts it if anyone writes to it behind the store's back. */
  private adopt(id: string, doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORE_ORIGIN && this.capture?.doc === doc) this.capture.updates.push(update);
      else this.cache.delete(id, doc);
    });
    this.cache.set(id, doc);
  }

  private capturing(id: string, doc: Y.Doc, run: () => void): Uint8Array[] {
    const capture = { doc, updates: [] as Uint8Array[] };
    this.capture = capture;
    try {
      run();
    } catch (err) {
      // The doc may hold part of the failed change: forget it, disk still has the old state.
      this.cache.delete(id, doc);
      throw err;
    } finally {
      this.capture = null;
    }
    return capture.updates;
  }

  private appendUpdates(ref: RecordRef, updates: readonly Uint8Array[]): RecordRef {
    if (updates.length > 0) this.log.append(ref.rid, updates);
    return ref;
  }

  private insertRecord(id: string, kind: string): RecordRef {
    const at = this.now().toISOString();
    const rid = this.log.insert(id, kind, at, null);
    return { rid, id, kind, pending: 0, createdAt: at };
  }

  /** The write, then the record re-reduced and re-projected, and the in-transaction listeners: one transaction. */
  private writeRecord(id: string, doc: Y.Doc, w: RecordWrite): void {
    this.reducedCache.delete(id);
    let ref: RecordRef | null = null;
    let reduced: Reduced<unknown> | null = null;
    try {
      this.write(() => {
        ref = w.apply();
        reduced = this.reduceNow(ref);
        this.projector.write(ref, doc, reduced);
        this.listeners.during(id, w.updates, w.events, w.origin);
      });
    } catch (err) {
      this.cache.delete(id, doc);
      throw err;
    }
    if (reduced) this.remember(id, reduced);
    const written = ref as RecordRef | null;
    if (written && w.updates.length > 0 && written.pending + w.updates.length > this.compactEvery) this.compactQuietly(written);
    this.listeners.changed([id]);
    this.listeners.after(id, w.updates, w.events, w.origin);
  }

  private createFromUpdate(id: string, update: Uint8Array): void {
    const doc = new Y.Doc({ guid: id });
    Y.applyUpdate(doc, update, STORE_ORIGIN);
    const kind = recordKindOf(doc);
    if (!kind || !this.registry.byKind(kind)) throw new AppError('BAD_INPUT', `无法识别记录类型:${id}`);
    this.writeRecord(id, doc, { updates: [update], events: [], origin: 'remote', apply: () => this.appendUpdates(this.insertRecord(id, kind), [update]) });
    this.adopt(id, doc);
  }

  /** The change is committed already; a failed compaction only leaves more updates to read. */
  private compactQuietly(ref: RecordRef): void {
    try {
      this.write(() => this.log.compact(ref.rid));
      this.stats.compactions += 1;
    } catch {
      // Retried after the next change of this record.
    }
  }

  /** One SQLite transaction; staged index entries are written at its end. */
  private write<T>(fn: () => T): T {
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', '数据库已关闭');
    const run = this.db.transaction(() => {
      const result = fn();
      this.index.flush();
      return result;
    });
    try {
      return withStoreErrors(this.file, run);
    } finally {
      this.index.discard();
    }
  }

  private tablesWithRid(): string[] {
    this.ridTables ??= (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).filter(
      (name) => name !== 'records' && this.db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(name, 'rid') !== undefined,
    );
    return this.ridTables;
  }
}
