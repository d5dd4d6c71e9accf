import type { RecordEvent } from '../../core/kernel/event';

/** Where a committed write came from: this machine (`change`, `create`, `act`) or elsewhere (sync). */
export type WriteOrigin = 'local' | 'remote';
export type UpdateListener = (id: string, update: Uint8Array, origin: WriteOrigin) => void;
export type EventListener = (id: string, event: RecordEvent, origin: WriteOrigin) => void;
export type ChangeListener = (ids: string[]) => void;
/** A record was removed from this profile (access withdrawn); `events` are what it held. */
export type RemoveListener = (id: string, events: readonly RecordEvent[]) => void;

/**
 * The store's subscribers. In-transaction listeners run inside the SQLite transaction of the
 * write (what they write commits or rolls back with it, and if one throws the write fails);
 * the others run after the commit, and a failing one never turns a committed write into an error.
 */
export class Listeners {
  private readonly changes = new Set<ChangeListener>();
  private readonly removals = new Set<RemoveListener>();
  private readonly updates = { after: new Set<UpdateListener>(), during: new Set<UpdateListener>() };
  private readonly events = { after: new Set<EventListener>(), during: new Set<EventListener>() };

  onChange(listener: ChangeListener): () => void {
    this.changes.add(listener);
    return () => this.changes.delete(listener);
  }

  onRemove(listener: RemoveListener): () => void {
    this.removals.add(listener);
    return () => this.removals.delete(listener);
  }

  onUpdate(listener: UpdateListener, inTransaction = false): () => void {
    const set = inTransaction ? this.updates.during : this.updates.after;
    set.add(listener);
    return () => set.delete(listener);
  }

  onEvent(listener: EventListener, inTransaction = false): () => void {
    const set = inTransaction ? this.events.during : this.events.after;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Inside the write's transaction: may throw, which fails the write. */
  during(id: string, updates: readonly Uint8Array[], events: readonly RecordEvent[], origin: WriteOrigin): void {
    for (const listener of [...this.updates.during]) for (const update of updates) listener(id, update, origin);
    for (const listener of [...this.events.during]) for (const event of events) listener(id, event, origin);
  }

  /** After the commit. */
  after(id: string, updates: readonly Uint8Array[], events: readonly RecordEvent[], origin: WriteOrigin): void {
    for (const listener of [...this.updates.after]) for (const update of updates) quietly(() => listener(id, update, origin));
    for (const listener of [...this.events.after]) for (const event of events) quietly(() => listener(id, event, origin));
  }

  removed(id: string, events: readonly RecordEvent[]): void {
    for (const listener of [...this.removals]) quietly(() => listener(id, events));
  }

  changed(ids: string[]): void {
    for (const listener of [...this.changes]) quietly(() => listener(ids));
  }

  clear(): void {
    this.changes.clear();
    this.removals.clear();
    for (const set of [this.updates.after, this.updates.during, this.events.after, this.events.during]) set.clear();
  }
}

function quietly(run: () => void): void {
  try {
    run();
  } catch {
    // A failing listener must not turn a committed write into an error.
  }
}
