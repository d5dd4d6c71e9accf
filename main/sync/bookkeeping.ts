import { z } from 'zod';
import type { SyncStorage } from './types';

const Ids = z.record(z.string(), z.string());
const Dirty = z.array(z.string());

/**
 * What the engine must remember across restarts, in the storage's meta space:
 * - `seq`: everything up to this server sequence number is applied locally (the feed position);
 * - `dirty`: documents with local changes not yet acknowledged by the server;
 * - `ids`: the server's numeric id for each document name (the feed sends ids, not names).
 * All of it belongs to one server URL; a different URL starts from scratch.
 */
export class Bookkeeping {
  seq = 0;
  readonly dirty = new Set<string>();
  readonly idToName = new Map<number, string>();
  private readonly nameToId = new Map<string, number>();

  constructor(
    private readonly storage: SyncStorage,
    server: string,
  ) {
    if (storage.loadMeta('sync.server') !== server) {
      storage.saveMeta('sync.server', server);
      this.saveSeq(0);
      storage.saveMeta('sync.ids', '{}');
      // Local changes are kept: they are offered to the new server as dirty documents.
      this.dirty.clear();
      for (const id of storage.listDocIds()) this.dirty.add(id);
      this.saveDirty();
      return;
    }
    this.seq = Number(storage.loadMeta('sync.seq') ?? 0) || 0;
    const dirty = Dirty.safeParse(parse(storage.loadMeta('sync.dirty')));
    if (dirty.success) for (const id of dirty.data) this.dirty.add(id);
    const ids = Ids.safeParse(parse(storage.loadMeta('sync.ids')));
    if (ids.success) for (const [id, name] of Object.entries(ids.data)) this.remember(Number(id), name);
  }

  remember(id: number, name: string): boolean {
    if (this.idToName.get(id) === name) return false;
    this.idToName.set(id, name);
    this.nameToId.set(name, id);
    return true;
  }

  forget(name: string): void {
    const id = this.nameToId.get(name);
    if (id !== undefined) this.idToName.delete(id);
    this.nameToId.delete(name);
    this.dirty.delete(name);
  }

  /** Whether the server has told us about this document (so it exists there). */
  known(name: string): boolean {
    return this.nameToId.has(name);
  }

  saveSeq(seq: number): void {
    this.seq = seq;
    this.storage.saveMeta('sync.seq', String(seq));
  }

  saveDirty(): void {
    this.storage.saveMeta('sync.dirty', JSON.stringify([...this.dirty]));
  }

  saveIds(): void {
    this.storage.saveMeta('sync.ids', JSON.stringify(Object.fromEntries(this.idToName)));
  }
}

function parse(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Marks a document dirty directly in the meta space, for storages that can do it in the same
 * transaction as the local write itself (the app's SQLite store): a crash right after the commit
 * then cannot lose the fact that the edit still has to be sent. Only once the engine has ever
 * run against a server: before that, its first start treats every document as dirty anyway.
 */
export function markDirtyInMeta(storage: Pick<SyncStorage, 'loadMeta' | 'saveMeta'>, id: string): void {
  if (storage.loadMeta('sync.server') === null) return;
  const parsed = Dirty.safeParse(parse(storage.loadMeta('sync.dirty')));
  const dirty = parsed.success ? parsed.data : [];
  if (dirty.includes(id)) return;
  dirty.push(id);
  storage.saveMeta('sync.dirty', JSON.stringify(dirty));
}
