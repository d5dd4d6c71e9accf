import type { Database } from 'better-sqlite3';
import type { DoneView, TodoView } from '../../core/ipc/supervision';
import { CREATE, EDIT } from '../../core/kernel/event';
import { EVENT_LABEL, isEventType } from '../../core/supervision/events';
import { COLUMNS } from './list-query';
import { toRow, type RowContext, type RowData } from './rows';

const itemOf = (r: RowData, ctx: RowContext) => {
  const row = toRow(r, ctx);
  return { id: row.id, code: row.code, title: row.title, status: row.status, light: row.light, deadline: row.deadline };
};

/** 已办 names of the kernel's own events, beside the 督办 event types. */
const KERNEL_LABEL: Record<string, string> = { [CREATE]: '创建', [EDIT]: '修改' };

/**
 * 待办 of 督办 items: entries of the kernel's shared `todo` table (written by the 督办 area) addressed
 * to any of `audiences` (role:…, unit:…) that show by `ctx.today`, the most pressing first (by due
 * date, else since). One index range per audience; the join keeps 督办 items only.
 */
export function todoFor(db: Database, audiences: readonly string[], ctx: RowContext, limit = 200): TodoView[] {
  if (audiences.length === 0) return [];
  const placeholders = audiences.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT t.kind AS t_kind, t.label AS t_label, t.since AS t_since, t.due AS t_due, t.ref AS t_ref, t.urgency AS t_urgency, ${COLUMNS}
       FROM todo t CROSS JOIN supervision s ON s.rid = t.rid
       WHERE t.audience IN (${placeholders}) AND t.since <= ?
       ORDER BY t.urgency DESC, coalesce(t.due, t.since), t.since, s.ord LIMIT ?`,
    )
    .all(...audiences, ctx.today, limit) as Array<RowData & { t_kind: string; t_label: string; t_since: string; t_due: string | null; t_ref: string; t_urgency: number }>;
  const todo = rows.map((r) => {
    const item = itemOf(r, ctx);
    // Anything on an overdue item (red light) is as pressing as a red 督查单.
    return { kind: r.t_kind, label: r.t_label, urgency: item.light === 'red' ? Math.max(r.t_urgency, 3) : r.t_urgency, since: r.t_since, due: r.t_due, ref: r.t_ref, item };
  });
  return todo.sort(byUrgency);
}

/**
 * Most urgent first; at the same urgency a 督查单 (催办) before the rest — someone is waiting for
 * the answer; then the earliest limit (entries without one after those with one), then the oldest.
 */
export function byUrgency(a: TodoView, b: TodoView): number {
  if (a.urgency !== b.urgency) return b.urgency - a.urgency;
  if ((a.kind === 'urge') !== (b.kind === 'urge')) return a.kind === 'urge' ? -1 : 1;
  const [da, db] = [a.due ?? '9999-12-31', b.due ?? '9999-12-31'];
  if (da !== db) return da < db ? -1 : 1;
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0;
}

/** 已办: what `login` did on 督办 items (the kernel's `done` table), most recent first. */
export function doneBy(db: Database, login: string, ctx: RowContext, limit = 100): DoneView[] {
  const rows = db
    .prepare(
      `SELECT d.type AS d_type, d.at AS d_at, ${COLUMNS}
       FROM done d CROSS JOIN supervision s ON s.rid = d.rid
       WHERE d.login = ? ORDER BY d.at DESC, d.ord DESC LIMIT ?`,
    )
    .all(login, limit) as Array<RowData & { d_type: string; d_at: string }>;
  return rows.map((r) => ({
    type: r.d_type,
    label: isEventType(r.d_type) ? EVENT_LABEL[r.d_type] : (KERNEL_LABEL[r.d_type] ?? r.d_type),
    at: r.d_at,
    item: itemOf(r, ctx),
  }));
}
