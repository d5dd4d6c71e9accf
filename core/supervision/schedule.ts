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
  // The field's deadline, else the one the 督查室 set after 交办 (设定时限, a signed event).
  const deadline = fields.deadline ?? state.deadlineSet?.deadline ?? null;
  return {
    deadline,
    extendedDeadline: state.extendedDeadline,
    assessedDeadline: state.extendedDeadline ?? deadline,
    extensionPending: state.extensions.some((e) => !e.decision),
    acknowledgeBy: earliest(units.map((u) => u.acknowledgeBy)),
    nextReportDue: earliest(units.map((u) => u.nextReportDue)),
    milestoneDue: open && pending ? { id: pending.id, title: pending.title, date: pending.date } : null,
    completedAt: state.completed ? dateOf(state.completed.at) : null,
    units,
  };
}

/** A unit that never 签收ed or never reported (groups are not expected to). */
export interface SilentUnit {
  unit: string;
  acknowledged: boolean;
  reported: boolean;
}

/** Units that never 签收ed or have no standing report: 审核通过 over them needs a confirmation. */
export function silentUnits(state: Pick<SupervisionWork, 'assignments'>): SilentUnit[] {
  return state.assignments
    .filter((a) => !a.group && (!a.acknowledged || !a.lastReport))
    .map((a) => ({ unit: a.unit, acknowledged: a.acknowledged !== null, reported: a.lastReport !== null }));
}

/**
 * The item's progress in percent as reported: the latest reports of the 牵头 units (they report
 * for the whole item), else of the other units, averaged; 0 without reports. 办结 and 销号 do not
 * raise it: an item closed at 30% reads 30%, so nobody mistakes a closing for finished work.
 */
export function progressOf(state: SupervisionWork): number {
  const reported = state.assignments.filter((a) => a.lastReport);
  const leads = reported.filter((a) => a.role === 'lead');
  const basis = leads.length ? leads : reported;
  if (basis.length === 0) return 0;
  return Math.round(basis.reduce((sum, a) => sum + a.percent, 0) / basis.length);
}
