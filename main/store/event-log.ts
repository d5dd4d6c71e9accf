import type { Database, Statement } from 'better-sqlite3';
import { eventJson, type EventStatus, type RecordEvent, type StoredEvent } from '../../core/kernel/event';

interface Row {
  event_id: string;
  status: EventStatus;
  seq: number | null;
  reason: string | null;
  data: string;
}

/**
 * SQL for `record_events` (migration 7): the events of each record, nothing else. Callers run the
 * writes inside the store's transaction. Data was checked against the event schema before it was
 * written, so reading only parses JSON.
 */
export class EventLog {
  private readonly byRecord: Statement<[number], Row>;
  private readonly one: Statement<[number, string], Row>;
  private readonly nextOrder: Statement<[number], { n: number }>;
  private readonly insert: Statement<[number, string, string, number | null, number, string]>;
  private readonly setConfirmed: Statement<[number, number, string]>;
  private readonly setRejected: Statement<[string, number, string]>;
  private readonly allPending: Statement<[], { id: string; data: string }>;
  private readonly maxSeq: Statement<[number], { n: number | null }>;

  constructor(db: Database) {
    // Confirmed in the server's order, then this machine's pending ones, then the rejected ones (shown, never reduced).
    this.byRecord = db.prepare(`SELECT event_id, status, seq, reason, data FROM record_events WHERE rid = ?
      ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, seq, local_order`);
    this.one = db.prepare('SELECT event_id, status, seq, reason, data FROM record_events WHERE rid = ? AND event_id = ?');
    this.nextOrder = db.prepare('SELECT coalesce(max(local_order), 0) + 1 AS n FROM record_events WHERE rid = ?');
    this.insert = db.prepare('INSERT INTO record_events(rid, event_id, status, seq, local_order, reason, data) VALUES (?, ?, ?, ?, ?, NULL, ?)');
    this.setConfirmed = db.prepare("UPDATE record_events SET status = 'confirmed', seq = ?, reason = NULL WHERE rid = ? AND event_id = ?");
    this.setRejected = db.prepare("UPDATE record_events SET status = 'rejected', reason = ? WHERE rid = ? AND event_id = ? AND status = 'pending'");
    this.allPending = db.prepare(`SELECT r.id AS id, e.data AS data FROM record_events e INDEXED BY record_events_pending
      CROSS JOIN records r ON r.rid = e.rid WHERE e.status = 'pending' ORDER BY e.rid, e.local_order`);
    this.maxSeq = db.prepare("SELECT max(seq) AS n FROM record_events WHERE rid = ? AND status = 'confirmed'");
  }

  list(rid: number): StoredEvent[] {
    return this.byRecord.all(rid).map(storedOf);
  }

  /** The events the reducer runs over: confirmed then pending (rejected ones are not reduced). */
  reducible(rid: number): RecordEvent[] {
    return this.list(rid)
      .filter((e) => e.status !== 'rejected')
      .map((e) => e.event);
  }

  find(rid: number, eventId: string): StoredEvent | null {
    const row = this.one.get(rid, eventId);
    return row ? storedOf(row) : null;
  }

  /** A new event of this machine, after the record's other ones. */
  addPending(rid: number, event: RecordEvent): void {
    this.insert.run(rid, event.id, 'pending', null, this.nextOrder.get(rid)!.n, eventJson(event));
  }

  /** An event the server appended, with its sequence number. */
  addConfirmed(rid: number, seq: number, event: RecordEvent): void {
    this.insert.run(rid, event.id, 'confirmed', seq, this.nextOrder.get(rid)!.n, eventJson(event));
  }

  confirm(rid: number, eventId: string, seq: number): void {
    this.setConfirmed.run(seq, rid, eventId);
  }

  /** Pending → rejected with the server's reason; false when the event is not pending. */
  reject(rid: number, eventId: string, reason: string): boolean {
    return this.setRejected.run(reason, rid, eventId).changes > 0;
  }

  pending(): Array<{ id: string; event: RecordEvent }> {
    return this.allPending.all().map((r) => ({ id: r.id, event: JSON.parse(r.data) as RecordEvent }));
  }

  confirmedSeq(rid: number): number {
    return this.maxSeq.get(rid)?.n ?? 0;
  }
}

function storedOf(row: Row): StoredEvent {
  return { event: JSON.parse(row.data) as RecordEvent, status: row.status, seq: row.seq, reason: row.reason };
}
