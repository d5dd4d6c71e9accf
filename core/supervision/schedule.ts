import { withWeekdayFallback, type HolidayCalendar } from '../calendar/holiday-calendar';
import { beijingDate, type IsoDate } from '../calendar/iso-date';
import { nextReportDate } from '../calendar/report-cycle';
import { addWorkingDays, defaultCalendar } from '../calendar/working-days';
import type { Milestone } from './model';
import type { AssignmentState, SupervisionWork } from './state';

/**
 * Dates derived from the state and the item's fields, in working days on the official calendar.
 * None of them depends on today, so they can be stored in the list projection; the light is then
 * a comparison of these dates with today (item-light.ts, and the same in SQL in list-query.ts).
 */
export interface UnitSchedule {
  unit: string;
  /** 签收 limit while not signed; null once signed (or for a group). */
  acknowledgeBy: IsoDate | null;
  /** When the next 进展反馈 is due; null when no report is expected (group, not open). */
  nextReportDue: IsoDate | null;
}

export interface ItemSchedule {
  /** The original 完成时限 (the field). */
  deadline: IsoDate | null;
  /** Set only by an approved 延期申请. */
  extendedDeadline: IsoDate | null;
  /** The deadline the item is assessed on: the approved extension, else the original. */
  assessedDeadline: IsoDate | null;
  extensionPending: boolean;
  /** Earliest 签收 limit among units still to sign. */
  acknowledgeBy: IsoDate | null;
  /** Earliest next report among units expected to report. */
  nextReportDue: IsoDate | null;
  /** The earliest 节点目标 not yet reported as reached. */
  milestoneDue: { id: string; title: string; date: IsoDate } | null;
  /** The date of the accepted 办结申请: the item is assessed as finished then. */
  completedAt: IsoDate | null;
  units: UnitSchedule[];
}

export interface ScheduleOptions {
  calendar?: HolidayCalendar;
}

export const dateOf = (instant: string): IsoDate => beijingDate(new Date(instant));

const earliest = (dates: ReadonlyArray<IsoDate | null>): IsoDate | null =>
  dates.reduce<IsoDate | null>((min, d) => (d !== null && (min === null || d < min) ? d : min), null);

function unitSchedule(state: SupervisionWork, a: AssignmentState, calendar: HolidayCalendar): UnitSchedule {
  if (a.group) return { unit: a.unit, acknowledgeBy: null, nextReportDue: null };
  const assigned = dateOf(a.assigned.at);
  const open = state.phase === 'in_progress';
  const acknowledgeBy = a.acknowledged || !open ? null : addWorkingDays(assigned, state.acknowledgeDays ?? 2, calendar);
  const from = a.lastReport ? dateOf(a.lastReport.at) : assigned;
  const nextReportDue = open && state.reportCycle ? nextReportDate(from, state.reportCycle, calendar).date : null;
  return { unit: a.unit, acknowledgeBy, nextReportDue };
}

export function scheduleOf(
  state: SupervisionWork,
  fields: { deadline: IsoDate | null; milestones: readonly Milestone[] },
  opts: ScheduleOptions = {},
): ItemSchedule {
  // Outside the official data (a 2027 deadline today) Monday–Friday is assumed; the light says so.
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  const units = state.assignments.map((a) => unitSchedule(state, a, calendar));
  const reached = new Set(state.reports.filter((r) => !r.returned).flatMap((r) => r.milestones));
  const open = state.phase !== 'completed' && state.phase !== 'closed';
  const pending = fields.milestones
    .filter((m) => !reached.has(m.id))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
  return {
    deadline: fields.deadline,
    extendedDeadline: state.extendedDeadline,
    assessedDeadline: state.extendedDeadline ?? fields.deadline,
    extensionPending: state.extensions.some((e) => !e.decision),
    acknowledgeBy: earliest(units.map((u) => u.acknowledgeBy)),
    nextReportDue: earliest(units.map((u) => u.nextReportDue)),
    milestoneDue: open && pending ? { id: pending.id, title: pending.title, date: pending.date } : null,
    completedAt: state.completed ? dateOf(state.completed.at) : null,
    units,
  };
}

/**
 * The item's progress in percent: 100 once accepted; otherwise the latest reports of the 牵头
 * units (they report for the whole item), else of the other units, averaged; 0 without reports.
 */
export function progressOf(state: SupervisionWork): number {
  if (state.phase === 'completed' || state.phase === 'closed') return 100;
  const reported = state.assignments.filter((a) => a.lastReport);
  const leads = reported.filter((a) => a.role === 'lead');
  const basis = leads.length ? leads : reported;
  if (basis.length === 0) return 0;
  return Math.round(basis.reduce((sum, a) => sum + a.percent, 0) / basis.length);
}
