import type { RecordEvent, StoredEvent } from '../../core/kernel/event';
import type { SyncEventStorage } from './types';

interface Log {
  confirmed: Map<string, { seq: number; event: RecordEvent }>;
  pending: RecordEvent[];
  rejected: Map<string, { event: RecordEvent; reason: string }>;
}

type Listener = (id: string, event: RecordEvent, origin: 'local' | 'remote') => void;

/**
 * Records' workflow events in memory, with the local store's semantics (pending → confirmed with
 * the server's seq, or rejected with its reason). MemoryStorage's event half, for tests and the bench.
 */
export class MemoryEvents implements SyncEventStorage {
  private readonly logs = new Map<string, Log>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly ensureRecord: (id: string) => void) {}

  private log(id: string): Log {
    let log = this.logs.get(id);
    if (!log) this.logs.set(id, (log = { confirmed: new Map(), pending: [], rejected: new Map() }));
    return log;
  }

  /** An event made on this machine (what store.act does): pending until the server answers. */
  add(id: string, event: RecordEvent): void {
    this.ensureRecord(id);
    this.log(id).pending.push(event);
    for (const l of this.listeners) l(id, event, 'local');
  }

  events(id: string): StoredEvent[] {
    const log = this.logs.get(id);
    if (!log) return [];
    return [
      ...[...log.confirmed.values()].sort((a, b) => a.seq - b.seq).map(({ seq, event }) => ({ event, status: 'confirmed' as const, seq, reason: null })),
      ...log.pending.map((event) => ({ event, status: 'pending' as const, seq: null, reason: null })),
      ...[...log.rejected.values()].map(({ event, reason }) => ({ event, status: 'rejected' as const, seq: null, reason })),
    ];
  }

  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void {
    if (events.length === 0) return;
    this.ensureRecord(id);
    const log = this.log(id);
    for (const { seq, event } of events) {
      if (log.confirmed.has(event.id)) continue;
      log.pending = log.pending.filter((e) => e.id !== event.id);
      log.confirmed.set(event.id, { seq, event });
      for (const l of this.listeners) l(id, event, 'remote');
    }
  }

  rejectEvent(id: string, eventId: string, reason: string): void {
    const log = this.logs.get(id);
    const event = log?.pending.find((e) => e.id === eventId);
    if (!log || !event) return;
    log.pending = log.pending.filter((e) => e !== event);
    log.rejected.set(eventId, { event, reason });
  }

  pendingEvents(): Array<{ id: string; event: RecordEvent }> {
    return [...this.logs].flatMap(([id, log]) => log.pending.map((event) => ({ id, event })));
  }

  confirmedSeq(id: string): number {
    let max = 0;
    for (const { seq } of this.logs.get(id)?.confirmed.values() ?? []) max = Math.max(max, seq);
    return max;
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  remove(id: string): void {
    this.logs.delete(id);
  }
}
