import * as Y from 'yjs';
import type { RecordEvent, StoredEvent } from '../../core/kernel/event';
import { fieldsOf } from '../../core/records/record-doc';
import type { Store } from '../store/store';
import { markDirtyInMeta } from './bookkeeping';
import type { SyncEventStorage, SyncStorage } from './types';

/** The local store's event API (main/store, core/kernel/README.md "Local store") the engine uses. */
export type EventStore = SyncEventStorage;

const EMPTY_DOC = new Y.Doc();
const EMPTY_SV = Y.encodeStateVector(EMPTY_DOC);
const EMPTY_UPDATE = Y.encodeStateAsUpdate(EMPTY_DOC);

/**
 * The sync engine's storage over the app's SQLite store. Remote updates go through
 * `store.applyUpdate` (log, projections and index in one transaction; an unknown record is
 * created), local ones are reported from the store's update hook, and a local write marks its
 * record dirty in the same transaction (see `markDirtyInMeta`). Revoked records are deleted
 * with everything derived from them (`store.remove`).
 */
export class StoreStorage implements SyncStorage {
  /** Titles of removed records, for telling the user what disappeared. */
  private readonly removedTitles = new Map<string, string>();
  private readonly detachMarker: () => void;

  constructor(private readonly store: Store) {
    this.detachMarker = store.onUpdate(
      (id, _update, origin) => {
        if (origin === 'local') markDirtyInMeta(this, id);
      },
      { inTransaction: true },
    );
  }

  listDocIds(): string[] {
    return this.store.ids();
  }

  encodeStateVector(id: string): Uint8Array {
    return this.store.has(id) ? Y.encodeStateVector(this.store.getDoc(id)) : EMPTY_SV;
  }

  encodeDiff(id: string, sv: Uint8Array): Uint8Array {
    return this.store.has(id) ? Y.encodeStateAsUpdate(this.store.getDoc(id), sv) : EMPTY_UPDATE;
  }

  applyRemote(id: string, update: Uint8Array): void {
    this.store.applyUpdate(id, update);
  }

  onLocalUpdate(listener: (id: string, update: Uint8Array) => void): () => void {
    return this.store.onUpdate((id, update, origin) => {
      if (origin === 'local') listener(id, update);
    });
  }

  remove(id: string): void {
    if (!this.store.has(id)) return;
    this.removedTitles.set(id, titleOf(this.store, id));
    this.store.remove(id);
  }

  /** The title a removed record had (once; the entry is forgotten). */
  takeRemovedTitle(id: string): string {
    const title = this.removedTitles.get(id) ?? id;
    this.removedTitles.delete(id);
    return title;
  }

  events(id: string): StoredEvent[] {
    return this.store.events(id);
  }

  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void {
    this.store.applyRemoteEvents(id, events);
  }

  rejectEvent(id: string, eventId: string, reason: string): void {
    this.store.rejectEvent(id, eventId, reason);
  }

  pendingEvents(): Array<{ id: string; event: RecordEvent }> {
    return this.store.pendingEvents();
  }

  confirmedSeq(id: string): number {
    return this.store.confirmedSeq(id);
  }

  /** Pending events are durable in the store itself (record_events), so nothing is marked here. */
  onEvent(listener: (id: string, event: RecordEvent, origin: 'local' | 'remote') => void): () => void {
    return this.store.onEvent(listener);
  }

  loadMeta(key: string): string | null {
    return this.store.getMeta(key);
  }

  saveMeta(key: string, value: string): void {
    this.store.setMeta(key, value);
  }

  detach(): void {
    this.detachMarker();
  }
}

function titleOf(store: Store, id: string): string {
  try {
    const title = fieldsOf(store.getDoc(id)).get('title');
    return typeof title === 'string' && title.trim() ? title : id;
  } catch {
    return id;
  }
}
