import * as Y from 'yjs';
import type { RecordEvent } from '../../../core/kernel/event';
import type { Store } from '../store';

/**
 * A stand-in for the sync server in tests of several profiles (not used by the app): it appends
 * the events each store submits in one order per record (an id already appended is acknowledged
 * again, as the server does), confirms them to their store with their sequence numbers, and
 * delivers every record's events and Yjs state to the others. The real protocol is the sync
 * engine's (core/kernel/README.md, "Sync").
 */
export class EventRelay {
  private readonly logs = new Map<string, RecordEvent[]>();

  /** Appends `store`'s pending events and confirms them to it. */
  submit(store: Store): void {
    for (const { id, event } of store.pendingEvents()) {
      const log = this.logs.get(id) ?? [];
      this.logs.set(id, log);
      let seq = log.findIndex((e) => e.id === event.id) + 1;
      if (seq === 0) {
        log.push(event);
        seq = log.length;
      }
      store.applyRemoteEvents(id, [{ seq, event }]);
    }
  }

  /** Gives `to` the record's Yjs state from `from` and every appended event of the record. */
  deliver(from: Store, to: Store, id: string): void {
    to.applyUpdate(id, Y.encodeStateAsUpdate(from.getDoc(id)));
    this.deliverEvents(to, id);
  }

  /** Gives `to` every appended event of the record (its Yjs updates travel separately). */
  deliverEvents(to: Store, id: string): void {
    const log = this.logs.get(id) ?? [];
    if (log.length > 0) to.applyRemoteEvents(id, log.map((event, i) => ({ seq: i + 1, event })));
  }

  /** Submits `from`'s pending events, then delivers the record to each of `to`. */
  sync(from: Store, id: string, ...to: Store[]): void {
    this.submit(from);
    for (const other of to) this.deliver(from, other, id);
  }
}
