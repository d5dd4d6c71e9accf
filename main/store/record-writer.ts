import type { Database } from 'better-sqlite3';
import * as Y from 'yjs';
import type { RecordEvent } from '../../core/kernel/event';
import { reduceRecord, type Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import { recordKindOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { withStoreErrors } from './errors';
import type { EventLog } from './event-log';
import type { Listeners, WriteOrigin } from './listeners';
import type { Projector } from './projector';
import type { RecordLog, RecordRef } from './record-log';
import { STORE_ORIGIN, type RecordMemory } from './record-memory';
import type { SearchIndex } from './search-index';

/** One record's write inside the store's transaction: `apply` writes the log and events and returns the record. */
export interface RecordWrite {
  updates: Uint8Array[];
  events: RecordEvent[];
  origin: WriteOrigin;
  apply: () => RecordRef;
}

export interface WriterParts {
  db: Database;
  file: string;
  registry: AreaRegistry;
  log: RecordLog;
  eventLog: EventLog;
  projector: Projector;
  index: SearchIndex;
  listeners: Listeners;
  memory: RecordMemory;
  compactEvery: number;
  stats: { compactions: number; reductions: number };
  now: () => Date;
}

/**
 * The store's write path: one SQLite transaction per write, in which the record's log and events
 * are written, the record is reduced again by its area and re-projected, and the in-transaction
 * listeners run; then the listeners after the commit, and compaction when due.
 */
export class RecordWriter {
  closed = false;

  constructor(private readonly p: WriterParts) {}

  /** One SQLite transaction; staged index entries are written at its end. */
  write<T>(fn: () => T): T {
    if (this.closed) throw new AppError('STORE_UNAVAILABLE', '数据库已关闭');
    const run = this.p.db.transaction(() => {
      const result = fn();
      this.p.index.flush();
      return result;
    });
    try {
      return withStoreErrors(this.p.file, run);
    } finally {
      this.p.index.discard();
    }
  }

  /** The record's state from its area's reducer over its confirmed then pending events (none for an unknown kind). */
  reduceNow(ref: RecordRef): Reduced<unknown> {
    this.p.stats.reductions += 1;
    const area = this.p.registry.byKind(ref.kind);
    if (!area) return { state: undefined, history: [], conflicts: 0, head: null, created: null };
    return reduceRecord(area, this.p.eventLog.reducible(ref.rid));
  }

  /** The write, then the record re-reduced and re-projected, and the in-transaction listeners: one transaction. */
  writeRecord(id: string, doc: Y.Doc, w: RecordWrite): void {
    const { memory, listeners } = this.p;
    memory.forgetReduced(id);
    let written: { ref: RecordRef; reduced: Reduced<unknown> } | null = null;
    try {
      written = this.write(() => {
        const ref = w.apply();
        const reduced = this.reduceNow(ref);
        this.p.projector.write(ref, doc, reduced);
        listeners.during(id, w.updates, w.events, w.origin);
        return { ref, reduced };
      });
    } catch (err) {
      memory.forgetDoc(id, doc);
      throw err;
    }
    memory.remember(id, written.reduced);
    if (w.updates.length > 0 && written.ref.pending + w.updates.length > this.p.compactEvery) this.compactQuietly(written.ref);
    listeners.changed([id]);
    listeners.after(id, w.updates, w.events, w.origin);
  }

  /** New records with their first events, in one transaction (all or nothing), then adopted and announced. */
  writeNew(items: ReadonlyArray<{ id: string; kind: string; doc: Y.Doc; state: Uint8Array; events: RecordEvent[] }>, at: string): void {
    const { log, eventLog, projector, listeners, memory } = this.p;
    const reduced = this.write(() =>
      items.map((b) => {
        if (log.find(b.id)) throw new AppError('CONFLICT', `记录已存在:${b.id}`);
        const rid = log.insert(b.id, b.kind, at, b.state);
        for (const event of b.events) eventLog.addPending(rid, event);
        const ref = { rid, id: b.id, kind: b.kind, pending: 0, createdAt: at };
        const r = this.reduceNow(ref);
        projector.write(ref, b.doc, r);
        listeners.during(b.id, [b.state], b.events, 'local');
        return r;
      }),
    );
    items.forEach((b, i) => {
      memory.adopt(b.id, b.doc);
      memory.remember(b.id, reduced[i]!);
    });
    listeners.changed(items.map((b) => b.id));
    for (const b of items) listeners.after(b.id, [b.state], b.events, 'local');
  }

  appendUpdates(ref: RecordRef, updates: readonly Uint8Array[]): RecordRef {
    if (updates.length > 0) this.p.log.append(ref.rid, updates);
    return ref;
  }

  /** A record row for a record first seen here (its Y.Doc empty or from the update that brought it). */
  insertRecord(id: string, kind: string): RecordRef {
    const at = this.p.now().toISOString();
    const rid = this.p.log.insert(id, kind, at, null);
    return { rid, id, kind, pending: 0, createdAt: at };
  }

  /** A remote update of a record unknown here: it is created from its `fields.kind` (records made before the kernel have no `create` event). */
  createFromUpdate(id: string, update: Uint8Array): void {
    const doc = new Y.Doc({ guid: id });
    Y.applyUpdate(doc, update, STORE_ORIGIN);
    const kind = recordKindOf(doc);
    if (!kind || !this.p.registry.byKind(kind)) throw new AppError('BAD_INPUT', `无法识别记录类型:${id}`);
    this.writeRecord(id, doc, { updates: [update], events: [], origin: 'remote', apply: () => this.appendUpdates(this.insertRecord(id, kind), [update]) });
    this.p.memory.adopt(id, doc);
  }

  /** The change is committed already; a failed compaction only leaves more updates to read. */
  private compactQuietly(ref: RecordRef): void {
    try {
      this.write(() => this.p.log.compact(ref.rid));
      this.p.stats.compactions += 1;
    } catch {
      // Retried after the next change of this record.
    }
  }
}
