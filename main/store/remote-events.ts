import type { Database } from 'better-sqlite3';
import { CREATE, CreatePayload, type RecordEvent } from '../../core/kernel/event';
import type { AreaRegistry } from '../../core/kernel/registry';
import { AppError } from '../../core/result';
import type { EventLog } from './event-log';
import { checkedEvent } from './new-records';
import type { RecordRef } from './record-log';

/**
 * Events from the server for one record, checked: each a valid event with a positive sequence
 * number; the record's kind (an unknown record needs its `create` first, of a registered kind);
 * and only those not already stored as confirmed with that number (a repeat changes nothing).
 */
export function remoteBatch(
  id: string,
  events: ReadonlyArray<{ seq: number; event: RecordEvent }>,
  known: RecordRef | null,
  eventLog: EventLog,
  registry: AreaRegistry,
): { kind: string; fresh: Array<{ seq: number; event: RecordEvent }> } {
  const incoming = events.map(({ seq, event }) => {
    if (!Number.isSafeInteger(seq) || seq < 1) throw new AppError('BAD_INPUT', `操作序号无效:${String(seq)}`);
    return { seq, event: checkedEvent(event) };
  });
  let kind = known?.kind;
  if (!known && incoming.length > 0) {
    const first = incoming[0]!.event;
    kind = first.type === CREATE ? CreatePayload.safeParse(first.payload).data?.kind : undefined;
    if (!kind || !registry.byKind(kind)) throw new AppError('BAD_INPUT', `无法识别记录类型:${id}`);
  }
  const fresh = incoming.filter(({ event, seq }) => {
    const stored = known ? eventLog.find(known.rid, event.id) : null;
    return !stored || stored.status !== 'confirmed' || stored.seq !== seq;
  });
  return { kind: kind ?? '', fresh };
}

/** Deleting every row of a record (sync: access lost): its log, events, derived rows and index entry. */
export class RecordRows {
  /** Tables with a `rid` column (projections, index texts, log, events), found once. */
  private tables: string[] | null = null;

  constructor(private readonly db: Database) {}

  /** Inside the caller's transaction. */
  remove(rid: number): void {
    // Child rows first would need an order; deferring the foreign-key checks to the commit does not.
    this.db.pragma('defer_foreign_keys = ON');
    for (const table of this.withRid()) this.db.prepare(`DELETE FROM "${table}" WHERE rid = ?`).run(rid);
    this.db.prepare('DELETE FROM search WHERE rowid = ?').run(rid);
    this.db.prepare('DELETE FROM records WHERE rid = ?').run(rid);
  }

  private withRid(): string[] {
    this.tables ??= (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).filter(
      (name) => name !== 'records' && this.db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(name, 'rid') !== undefined,
    );
    return this.tables;
  }
}
