import type { Database } from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import * as random from 'lib0/random';
import path from 'node:path';
import * as Y from 'yjs';
import type { SearchResult } from '../../core/ipc/search';
import type { SearchQueryInput } from './search';
import { fieldsOf, recordKindOf, type RecordKind } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { DocumentRepository } from '../documents/repository';
import { IncomingRepository } from '../incoming/repository';
import { SupervisionRepository } from '../supervision/repository';
import { DocCache } from './doc-cache';
import { toStoreError, withStoreErrors } from './errors';
import { markClosed, markOpen } from './integrity';
import { DB_FILE_NAME, openUnmarked } from './open-db';
import type { Projector, ProjectorFactory } from './projector';
import { RecordLog, type RecordRef } from './record-log';
import { rebuildAll, type RebuildResult } from './rebuild';
import { PROJECTORS } from './registry';
import { Search, type SearchTuning } from './search';
import { SearchIndex } from './search-index';

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
  /** The projector registry; tests replace it to make a projector fail. */
  projectors?: readonly ProjectorFactory[];
}

export interface NewRecord {
  kind: RecordKind;
  build: (doc: Y.Doc) => void;
  id?: string;
  /**
   * Built so that the same id and content give the same Yjs structs on every machine (the seed,
   * imported independently by each profile): the initial update's client id is derived from the
   * id and the content, so replicas that exchange it dedupe it instead of doubling the body and
   * the event log. Different content gives a different client id, never a silent clash.
   * Later edits use a random client id as usual. Needs `id`.
   */
  deterministic?: boolean;
}

/** Where a committed update came from: this machine (`change`, `create`) or elsewhere (`applyUpdate`). */
export type UpdateOrigin = 'local' | 'remote';
export type UpdateListener = (id: string, update: Uint8Array, origin: UpdateOrigin) => void;

/** Transaction origin of every write made through the store; any other origin is a stray write. */
const STORE_ORIGIN = Symbol('xietong-store');

/**
 * The local store of one profile (see README.md). The Yjs update log is the source of truth;
 * list projections and the full-text index are written in the same SQLite transaction as each
 * update, so they never disagree with it, and can be rebuilt from it at any time.
 */
export class Store {
  readonly dir: string;
  readonly file: string;
  readonly supervision: SupervisionRepository;
  readonly incoming: IncomingRepository;
  readonly documents: DocumentRepository;
  /** Counters for tests and the benchmark. */
  readonly stats = { decodes: 0, compactions: 0 };

  private readonly log: RecordLog;
  private readonly cache: DocCache;
  private readonly projectors: Map<RecordKind, Projector>;
  private readonly index: SearchIndex;
  private readonly searcher: Search;
  private readonly listeners = new Set<(ids: string[]) => void>();
  private readonly updateListeners = new Set<UpdateListener>();
  private readonly txUpdateListeners = new Set<UpdateListener>();
  /** Tables with a `rid` column (projections, index texts, log), found once for remove(). */
  private ridTables: string[] | null = null;
  private readonly now: () => Date;
  private readonly compactEvery: number;
  /** The doc a store write is running on, and the updates Yjs emitted for it so far. */
  private capture: { doc: Y.Doc; updates: Uint8Array[] } | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database,
    opts: StoreOptions,
  ) {
    this.dir = opts.dir;
    this.file = path.join(opts.dir, DB_FILE_NAME);
    this.now = opts.now ?? (() => new Date());
    this.compactEvery = Math.max(1, opts.compactEvery ?? 100);
    this.cache = new DocCache(Math.max(1, opts.cacheSize ?? 64));
    this.log = new RecordLog(db);
    this.projectors = new Map((opts.projectors ?? PROJECTORS).map((make) => make(db)).map((p) => [p.kind, p] as const));
    this.index = new SearchIndex(db);
    this.searcher = new Search(db, opts.searchTuning);
    this.supervision = new SupervisionRepository(db);
    this.incoming = new IncomingRepository(db);
    this.documents = new DocumentRepository(db);
  }

  /** Opens (or creates) `<dir>/xietong.db`. Throws STORE_CORRUPT / STORE_LOCKED / STORE_UNAVAILABLE. */
  static open(opts: StoreOptions): Store {
    const { db, sound } = openUnmarked(opts.dir, {
      ...(opts.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: opts.busyTimeoutMs }),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    try {
      const store = new Store(db, opts);
      if (store.metaValue('needs_reindex') === '1') store.rebuildIndex();
      markOpen(db, sound, Date.now());
      return store;
    } catch (err) {
      db.close();
      throw toStoreError(err, path.join(opts.dir, DB_FILE_NAME));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.listeners.clear();
    this.updateListeners.clear();
    this.txUpdateListeners.clear();
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

  count(kind?: RecordKind): number {
    const row = kind
      ? (this.db.prepare('SELECT count(*) AS n FROM records WHERE kind = ?').get(kind) as { n: number })
      : (this.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number });
    return row.n;
  }

  has(id: string): boolean {
    return this.log.find(id) !== null;
  }

  kindOf(id: string): RecordKind | null {
    return this.log.find(id)?.kind ?? null;
  }

  /** The record's document, decoded on first access. Callers must not modify it: use change(). */
  getDoc(id: string): Y.Doc {
    return this.docFor(this.ref(id));
  }

  create(kind: RecordKind, build: (doc: Y.Doc) => void, opts: { id?: string } = {}): string {
    const [id] = this.createMany([{ kind, build, ...(opts.id ? { id: opts.id } : {}) }]);
    return id as string;
  }

  /** Creates records in one transaction (imports, benchmark): all or nothing. */
  createMany(items: readonly NewRecord[]): string[] {
    const at = this.now().toISOString();
    const built = items.map((item) => {
      const id = item.id ?? randomUUID();
      const buildDoc = (clientID?: number) => {
        // The record id as guid also spares Yjs generating a random one (31 RNG calls per doc).
        const doc = new Y.Doc({ guid: id });
        if (clientID !== undefined) doc.clientID = clientID;
        doc.transact(() => {
          item.build(doc);
          if (recordKindOf(doc) !== item.kind) fieldsOf(doc).set('kind', item.kind);
        }, STORE_ORIGIN);
        return doc;
      };
      let doc: Y.Doc;
      if (item.deterministic && item.id) {
        doc = buildDoc(contentClientId(id, Y.encodeStateAsUpdate(buildDoc(0))));
        // Only the initial structs share the derived id; edits on each machine must not.
        doc.clientID = random.uint32();
      } else doc = buildDoc();
      return { id, kind: item.kind, doc, state: Y.encodeStateAsUpdate(doc) };
    });
    this.write(() => {
      for (const { id, kind, doc, state } of built) {
        if (this.log.find(id)) throw new AppError('CONFLICT', `记录已存在:${id}`);
        const rid = this.log.insert(id, kind, at, state);
        this.project({ rid, id, kind, pending: 0 }, doc);
        this.notifyInTransaction(id, [state], 'local');
      }
    });
    for (const { id, doc } of built) this.adopt(id, doc);
    this.emit(built.map((b) => b.id));
    for (const { id, state } of built) this.notifyUpdates(id, [state], 'local');
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
    this.persist(ref, doc, updates, 'local');
  }

  /** Applies an update from elsewhere (sync). Unknown records are created from it. */
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
    this.persist(ref, doc, [update], 'remote');
  }

  /**
   * Deletes a record entirely — its log, snapshot, projection rows and index entries — in one
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
    this.emit([id]);
    return true;
  }

  /** Every record id (sync: the documents to offer the server). */
  ids(): string[] {
    return (this.db.prepare('SELECT id FROM records ORDER BY rid').pluck().all() as string[]);
  }

  /** A small durable key-value space in the profile (sync settings and bookkeeping). */
  getMeta(key: string): string | null {
    return this.metaValue(key);
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
   * Every committed update with its bytes and origin (sync). By default called after the commit;
   * `inTransaction` listeners run inside the SQLite transaction that writes the update, so what
   * they write commits (or rolls back) with it — and if one throws, the write fails.
   */
  onUpdate(listener: UpdateListener, opts: { inTransaction?: boolean } = {}): () => void {
    const set = opts.inTransaction ? this.txUpdateListeners : this.updateListeners;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Folds a record's updates into its snapshot (one transaction). */
  compact(id: string): void {
    const ref = this.ref(id);
    this.write(() => this.log.compact(ref.rid));
    this.stats.compactions += 1;
  }

  /** Drops and rebuilds every projection and the full-text index from the log. */
  rebuildIndex(): RebuildResult {
    const result = this.write(() =>
      rebuildAll(this.db, {
        projectors: [...this.projectors.values()],
        index: this.index,
        load: (rid, id) => {
          this.stats.decodes += 1;
          return this.log.load(rid, id).doc;
        },
      }),
    );
    this.cache.clear();
    return result;
  }

  search(query: SearchQueryInput): SearchResult {
    return withStoreErrors(this.file, () => this.searcher.query(query));
  }

  onChange(listener: (ids: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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

  private persist(ref: RecordRef, doc: Y.Doc, updates: Uint8Array[], origin: UpdateOrigin): void {
    if (updates.length === 0) return;
    try {
      this.write(() => {
        this.log.append(ref.rid, updates);
        this.project(ref, doc);
        this.notifyInTransaction(ref.id, updates, origin);
      });
    } catch (err) {
      this.cache.delete(ref.id, doc);
      throw err;
    }
    if (ref.pending + updates.length > this.compactEvery) this.compactQuietly(ref);
    this.emit([ref.id]);
    this.notifyUpdates(ref.id, updates, origin);
  }

  private createFromUpdate(id: string, update: Uint8Array): void {
    const doc = new Y.Doc({ guid: id });
    Y.applyUpdate(doc, update, STORE_ORIGIN);
    const kind = recordKindOf(doc);
    if (!kind) throw new AppError('BAD_INPUT', `无法识别记录类型:${id}`);
    const at = this.now().toISOString();
    this.write(() => {
      const rid = this.log.insert(id, kind, at, null);
      this.log.append(rid, [update]);
      this.project({ rid, id, kind, pending: 1 }, doc);
      this.notifyInTransaction(id, [update], 'remote');
    });
    this.adopt(id, doc);
    this.emit([id]);
    this.notifyUpdates(id, [update], 'remote');
  }

  /** Projection rows and index entries for one record; runs inside the caller's transaction. */
  private project(ref: RecordRef, doc: Y.Doc): void {
    const projector = this.projectors.get(ref.kind);
    if (!projector) throw new Error(`no projector for ${ref.kind}`);
    this.index.stage(ref.rid, ref.kind, projector.write(ref.rid, ref.id, doc));
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

  private emit(ids: string[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(ids);
      } catch {
        // A failing listener must not turn a committed write into an error.
      }
    }
  }

  private notifyInTransaction(id: string, updates: readonly Uint8Array[], origin: UpdateOrigin): void {
    for (const listener of [...this.txUpdateListeners]) for (const update of updates) listener(id, update, origin);
  }

  private notifyUpdates(id: string, updates: readonly Uint8Array[], origin: UpdateOrigin): void {
    for (const listener of [...this.updateListeners]) {
      for (const update of updates) {
        try {
          listener(id, update, origin);
        } catch {
          // Like onChange: a failing listener must not turn a committed write into an error.
        }
      }
    }
  }

  private tablesWithRid(): string[] {
    this.ridTables ??= (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).filter(
      (name) => name !== 'records' && this.db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(name, 'rid') !== undefined,
    );
    return this.ridTables;
  }

  private metaValue(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }
}

/** A Yjs client id from a record id and its content: the same for identical content on any machine. */
function contentClientId(id: string, content: Uint8Array): number {
  const digest = createHash('sha256').update(id).update('\0').update(content).digest();
  return digest.readUInt32BE(0);
}
