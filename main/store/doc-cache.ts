import type * as Y from 'yjs';

/**
 * A small LRU of decoded documents. Decoding is the expensive part of reading a record, and
 * the UI tends to reopen the same few; everything else is served from projections.
 * Evicted docs are only dropped, not destroyed: a caller may still be reading one.
 */
export class DocCache {
  private readonly docs = new Map<string, Y.Doc>();

  constructor(private readonly capacity: number) {}

  get(id: string): Y.Doc | undefined {
    const doc = this.docs.get(id);
    if (doc) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.docs.delete(id);
      this.docs.set(id, doc);
    }
    return doc;
  }

  set(id: string, doc: Y.Doc): void {
    this.docs.delete(id);
    this.docs.set(id, doc);
    while (this.docs.size > this.capacity) {
      const oldest = this.docs.keys().next();
      if (oldest.done) break;
      this.docs.delete(oldest.value);
    }
  }

  /** Drops `id`, but only if it still maps to `doc` when one is given (a newer copy stays). */
  delete(id: string, doc?: Y.Doc): void {
    if (doc === undefined || this.docs.get(id) === doc) this.docs.delete(id);
  }

  peek(id: string): Y.Doc | undefined {
    return this.docs.get(id);
  }

  clear(): void {
    this.docs.clear();
  }

  get size(): number {
    return this.docs.size;
  }
}
