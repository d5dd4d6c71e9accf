import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import * as Y from 'yjs';
import type { SearchResult } from '../../core/ipc/search';
import type { SearchQueryInput } from './search';
import { fieldsOf, recordKindOf, type RecordKind } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { IncomingRepository } from '../incoming/repository';
import { SupervisionRepository } from '../supervision/repository';
import { DocCache } from './doc-cache';
import { withStoreErrors } from './errors';
import { DB_FILE_NAME, openDatabase } from './open-db';
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
}

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
  /** Counters for tests and the benchmark. */
  readonly stats = { decodes: 0, compactions: 0 };

  private readonly log: RecordLog;
  private readonly cache: DocCache;
  private readonly projectors: Map<RecordKind, Projector>;
  private readonly index: SearchIndex;
  private readonly searcher: Search;
  private readonly listeners = new Set<(ids: string[]) => void>();
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
  }

  /** Opens (or creates) `<dir>/xietong.db`. Throws STORE_CORRUPT / STORE_LOCKED / STORE_UNAVAILABLE. */
  static open(opts: StoreOptions): Store {
    const db = openDatabase(opts.dir, {
      ...(opts.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: opts.busyTimeoutMs }),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    try {
      const store = new Store(db, opts);
      if (store.metaValue('needs_reindex') === '1') store.rebuildIndex();
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
      // The record id as guid also spares Yjs generating a random one (31 RNG calls per doc).
      const doc = new Y.Doc({ guid: id });
      doc.transact(() => {
        item.build(doc);
        if (recordKindOf(doc) !== item.kind) fieldsOf(doc).set('kind', item.kind);
      }, STORE_ORIGIN);
      return { id, kind: item.kind, doc };
    });
    this.write(() => {
      for (const { id, kind, doc } of built) {
        if (this.log.find(id)) throw new AppError('CONFLICT', `记录已存在:${id}`);
        const rid = this.log.insert(id, kind, at, Y.encodeStateAsUpdate(doc));
        this.project({ rid, id, kind, pending: 0 }, doc);
      }
    });
    for (const { id, doc } of built) this.adopt(id, doc);
    this.emit(built.map((b) => b.id));
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
    this.persist(ref, doc, updates);
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
    this.persist(ref, doc, [update]);
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

  private persist(ref: RecordRef, doc: Y.Doc, updates: Uint8Array[]): void {
    if (updates.length === 0) return;
    try {
      this.write(() => {
        this.log.append(ref.rid, updates);
        this.project(ref, doc);
      });
    } catch (err) {
      this.cache.delete(ref.id, doc);
      throw err;
    }
    if (ref.pending + updates.length > this.compactEvery) this.compactQuietly(ref);
    this.emit([ref.id]);
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
    });
    this.adopt(id, doc);
    this.emit([id]);
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

  private metaValue(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }
}
