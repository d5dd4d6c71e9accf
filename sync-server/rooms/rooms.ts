import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { RecordLogs } from '../events/record-logs';
import type { Metrics } from '../metrics';
import type { DocStore } from '../persistence/types';
import { Room } from './room';

export interface RoomsOptions {
  store: DocStore;
  /** Record logs: a loaded room holds its record's (existence decides whether updates are taken). */
  records: RecordLogs;
  log: Logger;
  metrics: Metrics;
  /** Unload a document this long after its last member left. */
  idleMs: number;
  /** Compact once this many updates, or bytes, are logged after the snapshot. */
  compactEvery: number;
  compactBytes: number;
  /** Log rows stay this long after compaction, so catch-up can ship them as they are. */
  retainLogMs: number;
  now?: () => number;
}

/**
 * Loaded documents: loading on demand (snapshot plus tail, never the whole history), unloading
 * when idle, and compacting the log into a snapshot by loading into a Y.Doc and re-encoding it
 * (linear, unlike Y.mergeUpdates over a long list).
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly compactQueue = new Set<Room>();
  private compacting: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: RoomsOptions) {
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  all(): IterableIterator<Room> {
    return this.rooms.values();
  }

  open(name: string): Promise<Room> {
    const room = this.rooms.get(name);
    if (room) {
      // Counts as use: the idle sweep must not unload a room someone is about to write to.
      room.lastActive = this.now();
      return Promise.resolve(room);
    }
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async load(name: string): Promise<Room> {
    const started = this.now();
    const [stored, record] = await Promise.all([this.opts.store.load(name), this.opts.records.open(name)]);
    const room = new Room(name, record, {
      docId: stored?.id ?? null,
      seq: stored?.seq ?? 0,
      tailCount: stored?.updates.length ?? 0,
      tailBytes: stored?.tailBytes ?? 0,
    });
    if (stored) {
      room.load(stored.snapshot, stored.updates, (err) => this.opts.log.error({ doc: name, err: String(err) }, 'stored update does not apply; skipped'));
    }
    this.rooms.set(name, room);
    this.opts.metrics.loadedDocs = this.rooms.size;
    this.opts.log.debug({ doc: name, updates: stored?.updates.length ?? 0, ms: this.now() - started }, 'document loaded');
    this.maybeCompact(room);
    return room;
  }

  maybeCompact(room: Room): void {
    if (room.tailCount >= this.opts.compactEvery || room.tailBytes >= this.opts.compactBytes) this.scheduleCompaction(room);
  }

  private scheduleCompaction(room: Room): void {
    if (room.docId === null || room.tailCount === 0) return;
    this.compactQueue.add(room);
    this.compacting ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drainCompactions());
  }

  private async drainCompactions(): Promise<void> {
    while (this.compactQueue.size > 0) {
      const room = this.compactQueue.values().next().value as Room;
      this.compactQueue.delete(room);
      await this.compact(room);
    }
    this.compacting = null;
  }

  /** Snapshot and sequence are read in the same turn, so the snapshot holds exactly ≤ seq. */
  private async compact(room: Room): Promise<void> {
    if (room.docId === null || room.tailCount === 0) return;
    const snapshot = Y.encodeStateAsUpdate(room.doc);
    const seq = room.seq;
    const count = room.tailCount;
    const bytes = room.tailBytes;
    try {
      await this.opts.store.compact(room.docId, snapshot, seq, this.now() - this.opts.retainLogMs);
      room.tailCount -= count;
      room.tailBytes -= bytes;
      this.opts.metrics.compactions++;
    } catch (err) {
      this.opts.log.error({ doc: room.name, err: String(err) }, 'compaction failed');
    }
  }

  /** Unloads documents idle for longer than idleMs, compacting them first; drops stale presence. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.opts.idleMs;
    for (const room of [...this.rooms.values()]) {
      const stale = room.presence.sweep();
      if (stale) room.broadcast(room.awarenessMessage(stale), null);
      if (room.members.size > 0 || room.pendingWrites > 0 || room.lastActive > cutoff) continue;
      await this.compact(room);
      if (room.members.size > 0 || room.pendingWrites > 0) continue;
      this.rooms.delete(room.name);
      room.destroy();
    }
    this.opts.metrics.loadedDocs = this.rooms.size;
    this.opts.records.sweep(this.opts.idleMs, (name) => this.rooms.has(name));
  }

  /** On shutdown: compacts every loaded document so the next start loads snapshots only. */
  async compactAll(): Promise<void> {
    await this.compacting;
    for (const room of this.rooms.values()) await this.compact(room);
  }
}
