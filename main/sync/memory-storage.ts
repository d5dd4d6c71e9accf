import * as Y from 'yjs';
import type { SyncStorage } from './types';

const REMOTE = Symbol('remote');

/** An in-memory SyncStorage: one Y.Doc per id. For tests and the bench. */
export class MemoryStorage implements SyncStorage {
  readonly docs = new Map<string, Y.Doc>();
  private readonly meta = new Map<string, string>();
  private readonly listeners = new Set<(id: string, update: Uint8Array) => void>();

  /** The document, created empty on first use; edits to it are local updates. */
  doc(id: string): Y.Doc {
    let doc = this.docs.get(id);
    if (!doc) {
      doc = new Y.Doc();
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        for (const l of this.listeners) l(id, update);
      });
      this.docs.set(id, doc);
    }
    return doc;
  }

  listDocIds(): string[] {
    return [...this.docs.keys()];
  }

  encodeStateVector(id: string): Uint8Array {
    return Y.encodeStateVector(this.doc(id));
  }

  encodeDiff(id: string, sv: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc(id), sv);
  }

  applyRemote(id: string, update: Uint8Array): void {
    Y.applyUpdate(this.doc(id), update, REMOTE);
  }

  onLocalUpdate(listener: (id: string, update: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  remove(id: string): void {
    this.docs.get(id)?.destroy();
    this.docs.delete(id);
  }

  loadMeta(key: string): string | null {
    return this.meta.get(key) ?? null;
  }

  saveMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }
}
