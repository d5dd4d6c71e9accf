import { z } from 'zod';
import { withWeekdayFallback, type HolidayCalendar } from './holiday-calendar';
import { addDays, daysInMonth, formatIsoDate, isoWeekday, parseIsoDate, type IsoDate } from './iso-date';
import { addWorkingDays, defaultCalendar, nextWorkingDayOnOrAfter, uncoveredYears } from './working-days';

/** 进展反馈周期: every week on a weekday, every month on a day, or every N working days. */
export const ReportCycle = z.discriminatedUnion('kind', [
  /** weekday: 1 = Monday … 7 = Sunday. */
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  /** day 29–31 falls on the month's last day in shorter months. */
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({ kind: z.literal('custom'), everyWorkingDays: z.number().int().min(1).max(250) }),
]);
export type ReportCycle = z.infer<typeof ReportCycle>;

export interface NextReport {
  /** When the next report is due: a working day. */
  date: IsoDate;
  /** The cycle's own date before moving off a holiday (equal to date on ordinary days). */
  nominal: IsoDate;
  /** A year involved has no official holiday data: Monday–Friday was assumed. */
  estimated: boolean;
}

/** Cycle dates on or after `from` (nominal, before any holiday move), in order. */
function* nominalDates(from: IsoDate, cycle: ReportCycle): Generator<IsoDate> {
  if (cycle.kind === 'weekly') {
    let d = addDays(from, (cycle.weekday - isoWeekday(from) + 7) % 7);
    for (;;) {
      yield d;
      d = addDays(d, 7);
    }
  }
  if (cycle.kind === 'monthly') {
    const start = parseIsoDate(from);
    if (!start) return;
    for (let i = 0; ; i++) {
      const year = start.year + Math.floor((start.month - 1 + i) / 12);
      const month = ((start.month - 1 + i) % 12) + 1;
      yield formatIsoDate(year, month, Math.min(cycle.day, daysInMonth(year, month)));
    }
  }
}

/**
 * The next 进展反馈 date after `from` (the last report, or the assignment date for the first one):
 * the first cycle date whose due date is strictly after `from`, where a cycle date falling on a
 * non-working day is due on the next working day. Custom cycles: the Nth working day after `from`.
 *
 * Uses the calendar with the Monday–Friday estimate outside its data, flagged by `estimated`.
 */
export function nextReportDate(
  from: IsoDate,
  cycle: ReportCycle,
  calendar: HolidayCalendar = defaultCalendar(),
): NextReport {
  const cal = withWeekdayFallback(calendar);
  const parsed = ReportCycle.parse(cycle);
  if (parsed.kind === 'custom') {
    const date = addWorkingDays(from, parsed.everyWorkingDays, cal);
    return { date, nominal: date, estimated: uncoveredYears(from, date, cal).length > 0 };
  }
  // Start a month back: a cycle date before `from` may have been moved past it by a long holiday.
  for (const nominal of nominalDates(addDays(from, -31), parsed)) {
    const date = nextWorkingDayOnOrAfter(nominal, cal);
    if (date > from) return { date, nominal, estimated: uncoveredYears(from, date, cal).length > 0 };
  }
  throw new Error('unreachable: cycle dates are infinite');
}
