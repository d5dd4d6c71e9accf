import type { Database, Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import type { AnyArea, RecordView, Row, SearchTexts } from '../../core/kernel/area';
import type { Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import type { RecordRef } from './record-log';
import type { SearchIndex } from './search-index';
import { statementCache } from './statements';

export type { SearchTexts };

/** The kernel's derived tables, written for every record whatever its area. */
export const KERNEL_TABLES = ['todo', 'done', 'deadlines', 'notices'] as const;

/**
 * Projects one record through its area (core/kernel/area.ts), inside the store's transaction for
 * the write: the area's own rows, the full-text texts, 待办, 已办 (one row per applied event, by
 * actor), deadlines and notices. Every write replaces all of the record's rows, so a projector
 * that throws rolls the write back too. Generic: it knows no area, only the registry.
 */
export class Projector {
  private readonly statement: (sql: string) => Statement;

  constructor(
    db: Database,
    private readonly registry: AreaRegistry,
    private readonly index: SearchIndex,
  ) {
    this.statement = statementCache(db);
  }

  /**
   * Replaces the record's derived rows. A record of a kind nobody registered keeps none, and so
   * does one whose fields its area cannot read (an area must read any fields; if one does not,
   * the record is kept — log and events — rather than the write refused).
   */
  write(ref: RecordRef, doc: Y.Doc, reduced: Reduced<unknown>): void {
    const area = this.registry.byKind(ref.kind);
    this.removeRows(ref.rid, area);
    const view = area ? viewOf(area, ref, doc, reduced) : null;
    if (!area || !view) return;
    const rid = ref.rid;
    if (area.projection) {
      const rows = area.projection.rows(view);
      for (const table of area.projection.tables) for (const row of rows[table] ?? []) this.insert(table, { ...row, rid });
    }
    for (const t of area.todos?.(view) ?? []) this.insert('todo', { rid, audience: t.audience, kind: t.kind, label: t.label, since: t.since, due: t.due, urgency: t.urgency, ref: t.ref }, 'IGNORE');
    reduced.history.forEach((h, ord) => {
      if (h.applied && h.event.by) this.insert('done', { login: h.event.actor, at: h.event.at, event_id: h.event.id, rid, type: h.event.type, ord }, 'IGNORE');
    });
    for (const d of area.deadlines?.(view) ?? []) this.insert('deadlines', { rid, name: d.name, due: d.due, rule: d.rule, done: d.done ? 1 : 0, estimated: d.estimated ? 1 : 0 });
    for (const n of area.notifications?.(view) ?? []) this.insert('notices', { rid, key: n.key, audience: n.audience, kind: n.kind, title: n.title, body: n.body, at: n.at }, 'IGNORE');
    this.index.stage(rid, ref.kind, area.search(view));
  }

  /** Empties every area's tables and the kernel's derived tables (rebuildIndex). */
  clearAll(): void {
    for (const table of this.tables()) this.statement(`DELETE FROM "${table}"`).run();
  }

  private tables(area?: AnyArea): string[] {
    const areas = area ? [area] : this.registry.areas;
    return [...areas.flatMap((a) => a.projection?.tables ?? []), ...KERNEL_TABLES];
  }

  private removeRows(rid: number, area: AnyArea | undefined): void {
    for (const table of area ? this.tables(area) : KERNEL_TABLES) this.statement(`DELETE FROM "${table}" WHERE rid = ?`).run(rid);
  }

  private insert(table: string, row: Row, conflict: 'REPLACE' | 'IGNORE' = 'REPLACE'): void {
    const columns = Object.keys(row);
    const sql = `INSERT OR ${conflict} INTO "${table}"(${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    this.statement(sql).run(...columns.map((c) => row[c] ?? null));
  }
}

/** The record as the area's derived functions see it; null when the area cannot read its fields. */
export function viewOf(area: AnyArea, ref: RecordRef, doc: Y.Doc, reduced: Reduced<unknown>): RecordView<unknown, unknown> | null {
  const json = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const fields = area.fields.safeParse(json);
  if (!fields.success) return null;
  const createdAt = reduced.created?.at ?? ref.createdAt;
  let updatedAt = createdAt;
  for (const h of reduced.history) if (h.event.at > updatedAt) updatedAt = h.event.at;
  if (typeof json.updatedAt === 'string' && json.updatedAt > updatedAt) updatedAt = json.updatedAt;
  return { id: ref.id, kind: ref.kind, fields: fields.data, body: bodyText(doc), reduced, createdAt, updatedAt };
}
