import * as Y from 'yjs';
import type { Actor } from '../../core/kernel/actor';
import type { RecordEvent, StoredEvent } from '../../core/kernel/event';
import { createEvent } from '../../core/sync/testing/record-events';
import { MemoryEvents } from './memory-events';
import type { SyncStorage } from './types';

const REMOTE = Symbol('remote');

/** An in-memory SyncStorage: one Y.Doc per id, and its events (memory-events.ts). For tests and the bench. */
export class MemoryStorage implements SyncStorage {
  readonly docs = new Map<string, Y.Doc>();
  private readonly meta = new Map<string, string>();
  private readonly listeners = new Set<(id: string, update: Uint8Array) => void>();
  private readonly eventLog = new MemoryEvents((id) => void this.doc(id));

  /**
   * Creates a record as the app does: its `create` event (pending until the server appends it),
   * then its Y.Doc. `sign` signs events before they are kept (a server with --trust-ca needs it).
   */
  create(id: string, kind: string, by: Actor, sign: (id: string, e: RecordEvent) => RecordEvent = (_id, e) => e): Y.Doc {
    this.act(id, sign(id, createEvent(by, kind)));
    return this.doc(id);
  }

  /** A workflow event made on this machine (pending until the server appends it). */
  act(id: string, event: RecordEvent): void {
    this.eventLog.add(id, event);
  }

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
    this.eventLog.remove(id);
  }

  events(id: string): StoredEvent[] {
    return this.eventLog.events(id);
  }

  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void {
    this.eventLog.applyRemoteEvents(id, events);
  }

  rejectEvent(id: string, eventId: string, reason: string): void {
    this.eventLog.rejectEvent(id, eventId, reason);
  }

  pendingEvents(): Array<{ id: string; event: RecordEvent }> {
    return this.eventLog.pendingEvents();
  }

  confirmedSeq(id: string): number {
    return this.eventLog.confirmedSeq(id);
  }

  onEvent(listener: (id: string, event: RecordEvent, origin: 'local' | 'remote') => void): () => void {
    return this.eventLog.onEvent(listener);
  }

  loadMeta(key: string): string | null {
    return this.meta.get(key) ?? null;
  }

  saveMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }
}
