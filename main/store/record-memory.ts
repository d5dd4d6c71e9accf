import type * as Y from 'yjs';
import type { Reduced } from '../../core/kernel/reduce';
import { DocCache } from './doc-cache';

/** Transaction origin of every write made through the store; any other origin is a stray write. */
export const STORE_ORIGIN = Symbol('xietong-store');
/** Reduced records kept in memory (cheap to recompute; the detail and act paths reread the same few). */
const REDUCED_CACHE = 1000;

/**
 * What the store holds in memory of its records: decoded docs (LRU), reduced event logs (LRU),
 * and the Yjs updates a store write emits. It never runs ahead of disk: a doc written to behind
 * the store's back, or by a failed write, is forgotten, so the next read decodes what is stored.
 */
export class RecordMemory {
  private readonly docs: DocCache;
  private readonly reductions = new Map<string, Reduced<unknown>>();
  /** The doc a store write is running on, and the updates Yjs emitted for it so far. */
  private capture: { doc: Y.Doc; updates: Uint8Array[] } | null = null;

  constructor(cacheSize: number) {
    this.docs = new DocCache(Math.max(1, cacheSize));
  }

  doc(id: string): Y.Doc | undefined {
    return this.docs.get(id);
  }

  /** Caches a doc that matches disk, and evicts it if anyone writes to it behind the store's back. */
  adopt(id: string, doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === STORE_ORIGIN && this.capture?.doc === doc) this.capture.updates.push(update);
      else this.docs.delete(id, doc);
    });
    this.docs.set(id, doc);
  }

  /** Drops the doc of `id` (only this one, when given: a newer copy stays). */
  forgetDoc(id: string, doc?: Y.Doc): void {
    this.docs.delete(id, doc);
  }

  /** Runs a store write on `doc` and returns the updates Yjs emitted; on failure the doc is forgotten. */
  capturing(id: string, doc: Y.Doc, run: () => void): Uint8Array[] {
    const capture = { doc, updates: [] as Uint8Array[] };
    this.capture = capture;
    try {
      run();
    } catch (err) {
      // The doc may hold part of the failed change: forget it, disk still has the old state.
      this.docs.delete(id, doc);
      throw err;
    } finally {
      this.capture = null;
    }
    return capture.updates;
  }

  reduced(id: string): Reduced<unknown> | undefined {
    return this.reductions.get(id);
  }

  remember(id: string, reduced: Reduced<unknown>): void {
    this.reductions.delete(id);
    this.reductions.set(id, reduced);
    if (this.reductions.size > REDUCED_CACHE) this.reductions.delete(this.reductions.keys().next().value as string);
  }

  forgetReduced(id: string): void {
    this.reductions.delete(id);
  }

  /** Forgets everything (a rebuild, a removed record's id, closing). */
  clear(id?: string): void {
    if (id === undefined) {
      this.docs.clear();
      this.reductions.clear();
    } else {
      this.docs.delete(id);
      this.reductions.delete(id);
    }
  }
}
