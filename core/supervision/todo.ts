import { withWeekdayFallback, type HolidayCalendar } from '../calendar/holiday-calendar';
import { addDays, type IsoDate } from '../calendar/iso-date';
import { addWorkingDays, defaultCalendar } from '../calendar/working-days';
import { dateOf, type ItemSchedule } from './schedule';
import { canonicalUnitName } from '../directory/units';
import { roleAudience, unitAudience as kernelUnitAudience } from '../kernel/audience';
import type { SupervisionWork } from './state';

/**
 * 待办: what an item is waiting for, and from whom. Stored in the projection (one row each) so a
 * person's 待办 is one indexed query: `audience` is a role (role:supervisor, role:leader) or a
 * unit (unit:市审批管理局). Entries that depend on the date carry `since`, the first day they show.
 */
export type TodoKind =
  | 'assign'
  | 'extension'
  | 'review'
  | 'close'
  | 'evaluate'
  | 'overdue'
  | 'acknowledge'
  | 'report'
  | 'report_returned'
  | 'urge'
  | 'completion_returned';

export const TODO_LABEL: Record<TodoKind, string> = {
  assign: '待交办',
  extension: '延期申请待审批',
  review: '办结申请待审核',
  close: '待销号',
  evaluate: '待评价',
  overdue: '已超期',
  acknowledge: '待签收',
  report: '待报送进展',
  report_returned: '进展反馈被退回',
  urge: '催办通知待阅',
  completion_returned: '办结申请被退回',
};

export interface TodoEntry {
  audience: string;
  kind: TodoKind;
  since: IsoDate;
  /** When it must be done, if there is a limit. */
  due: IsoDate | null;
  /** The event it is about (request, report, notice), or ''. */
  ref: string;
}

/** A report shows in 待办 this many working days before it is due. */
export const REPORT_NOTICE_WORKING_DAYS = 5;

export { roleAudience } from '../kernel/audience';

/** A unit's 待办 audience under the name the directory files it (市工信局 → 市工信局(大数据局)). */
export const unitAudience = (unit: string): string => kernelUnitAudience(canonicalUnitName(unit));

export function todosOf(
  state: SupervisionWork,
  schedule: ItemSchedule,
  createdAt: IsoDate,
  opts: { calendar?: HolidayCalendar } = {},
): TodoEntry[] {
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  const out: TodoEntry[] = [];
  const sup = roleAudience('supervisor');
  const add = (audience: string, kind: TodoKind, since: IsoDate, due: IsoDate | null = null, ref = '') =>
    out.push({ audience, kind, since, due, ref });

  if (state.phase === 'draft') add(sup, 'assign', createdAt);
  for (const e of state.extensions) if (!e.decision) add(sup, 'extension', dateOf(e.at), null, e.eventId);
  const pending = state.completions.find((c) => !c.review);
  if (state.phase === 'review' && pending) add(sup, 'review', dateOf(pending.at), null, pending.eventId);
  const completedAt = schedule.completedAt;
  if (state.phase === 'completed' && completedAt) add(sup, 'close', completedAt);
  if (completedAt && state.assignments.some((a) => !a.group && !a.evaluation)) add(sup, 'evaluate', completedAt);

  const open = state.phase === 'in_progress' || state.phase === 'review';
  const assessed = schedule.assessedDeadline;
  if (open && assessed) {
    add(sup, 'overdue', addDays(assessed, 1), assessed);
    add(roleAudience('leader'), 'overdue', addDays(assessed, 1), assessed);
  }
  for (const u of schedule.units) {
    const audience = unitAudience(u.unit);
    if (u.acknowledgeBy) add(audience, 'acknowledge', createdAtOf(state, u.unit) ?? createdAt, u.acknowledgeBy);
    if (u.nextReportDue) {
      add(audience, 'report', addWorkingDays(u.nextReportDue, -REPORT_NOTICE_WORKING_DAYS, calendar), u.nextReportDue);
    }
  }
  if (open) {
    for (const a of state.assignments) {
      const latest = [...state.reports].reverse().find((r) => r.unit === a.unit);
      if (latest?.returned) add(unitAudience(a.unit), 'report_returned', dateOf(latest.returned.at), null, latest.eventId);
    }
    for (const urge of state.urges) {
      for (const unit of urge.units) if (!urge.reads[unit]) add(unitAudience(unit), 'urge', dateOf(urge.at), null, urge.eventId);
    }
  }
  const last = state.completions[state.completions.length - 1];
  if (state.phase === 'in_progress' && last?.review && !last.review.accept) {
    add(unitAudience(last.unit), 'completion_returned', dateOf(last.review.at), null, last.eventId);
  }
  return out;
}

function createdAtOf(state: SupervisionWork, unit: string): IsoDate | null {
  const a = state.assignments.find((x) => x.unit === unit);
  return a ? dateOf(a.assigned.at) : null;
}
