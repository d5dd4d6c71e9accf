import { AppError } from '../result';
import { chineseDaysCalendar } from './chinese-days';
import type { HolidayCalendar } from './holiday-calendar';
import { formatIsoDate, fromDayNumber, toDayNumber, yearOf, type IsoDate } from './iso-date';

/**
 * Working-day arithmetic on ISO dates.
 *
 * Every function takes the calendar last, defaulting to the official chinese-days calendar, which
 * is strict: a date in a year without an official holiday notice throws CalendarRangeError (see
 * README). Answers are cached per calendar object and year, so a day is asked of the calendar once
 * and counting a span costs a few array reads (the dashboard recomputes 100,000 lights).
 */

interface YearTable {
  /** Day number of 1 January. */
  start: number;
  /** working[i] = working days among the year's first i days; length = days in year + 1. */
  working: Int32Array;
  /** Same prefix count for days the calendar refused to answer (outside its data). */
  unknown: Int32Array;
}

const tables = new WeakMap<HolidayCalendar, Map<number, YearTable>>();

function yearTable(calendar: HolidayCalendar, year: number): YearTable {
  let byYear = tables.get(calendar);
  if (!byYear) tables.set(calendar, (byYear = new Map()));
  const hit = byYear.get(year);
  if (hit) return hit;
  const start = toDayNumber(formatIsoDate(year, 1, 1));
  const length = toDayNumber(formatIsoDate(year + 1, 1, 1)) - start;
  const working = new Int32Array(length + 1);
  const unknown = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    let answer: boolean | null;
    try {
      answer = calendar.isWorkingDay(fromDayNumber(start + i));
    } catch {
      answer = null; // rethrown (with the calendar's own message) only if someone asks for this day
    }
    working[i + 1] = (working[i] ?? 0) + (answer === true ? 1 : 0);
    unknown[i + 1] = (unknown[i] ?? 0) + (answer === null ? 1 : 0);
  }
  const table = { start, working, unknown };
  byYear.set(year, table);
  return table;
}

const yearOfDay = (n: number): number => new Date(n * 86_400_000).getUTCFullYear();
const at = (a: Int32Array, i: number): number => a[i] ?? 0;

/** Working days in the inclusive day-number range [a, b], a ≤ b. */
function countInclusive(calendar: HolidayCalendar, a: number, b: number): number {
  let total = 0;
  for (let year = yearOfDay(a); year <= yearOfDay(b); year++) {
    const t = yearTable(calendar, year);
    const lo = Math.max(a, t.start) - t.start;
    const hi = Math.min(b, t.start + t.working.length - 2) - t.start;
    if (at(t.unknown, hi + 1) - at(t.unknown, lo) > 0) {
      // Let the calendar explain itself for the first day it could not answer.
      for (let i = lo; i <= hi; i++) if (at(t.unknown, i + 1) > at(t.unknown, i)) calendar.isWorkingDay(fromDayNumber(t.start + i));
    }
    total += at(t.working, hi + 1) - at(t.working, lo);
  }
  return total;
}

function isWorkingDayNumber(calendar: HolidayCalendar, n: number): boolean {
  return countInclusive(calendar, n, n) === 1;
}

export const defaultCalendar = (): HolidayCalendar => chineseDaysCalendar();

export function isWorkingDay(date: IsoDate, calendar: HolidayCalendar = defaultCalendar()): boolean {
  return isWorkingDayNumber(calendar, toDayNumber(date));
}

/**
 * Working days d with from < d ≤ to: "how many working days are left until `to`" (today not
 * counted, the deadline counted). Negative when to < from: −(working days in (to, from]), i.e.
 * how many working days `from` is past `to`. Zero when equal.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: HolidayCalendar = defaultCalendar()): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (a === b) return 0;
  return a < b ? countInclusive(calendar, a + 1, b) : -countInclusive(calendar, b + 1, a);
}

/** No calendar has this many consecutive days off; stops a broken calendar from looping forever. */
const MAX_GAP_DAYS = 366;

function step(calendar: HolidayCalendar, n: number, direction: 1 | -1): number {
  for (let i = 1; i <= MAX_GAP_DAYS; i++) {
    if (isWorkingDayNumber(calendar, n + i * direction)) return n + i * direction;
  }
  throw new AppError('BAD_INPUT', `日历在 ${fromDayNumber(n)} 前后一年内没有工作日`);
}

/**
 * n > 0: the nth working day after `date` (`date` itself never counts).
 * n < 0: the |n|th working day before `date`.
 * n = 0: `date` if it is a working day, else the next working day (as nextWorkingDayOnOrAfter).
 * So addWorkingDays(Friday, 1) is Monday, and a 3-working-day limit set on 2024-09-27 ends on
 * 2024-10-08 (09-29 was a 调休 working Sunday, 10-01…10-07 the National Day holiday).
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: HolidayCalendar = defaultCalendar()): IsoDate {
  if (!Number.isInteger(n)) throw new AppError('BAD_INPUT', `工作日天数应为整数:${n}`);
  if (n === 0) return nextWorkingDayOnOrAfter(date, calendar);
  const direction = n > 0 ? 1 : -1;
  let day = toDayNumber(date);
  for (let left = Math.abs(n); left > 0; left--) day = step(calendar, day, direction);
  return fromDayNumber(day);
}

export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: HolidayCalendar = defaultCalendar()): IsoDate {
  const n = toDayNumber(date);
  return isWorkingDayNumber(calendar, n) ? date : fromDayNumber(step(calendar, n, 1));
}

export function previousWorkingDayOnOrBefore(date: IsoDate, calendar: HolidayCalendar = defaultCalendar()): IsoDate {
  const n = toDayNumber(date);
  return isWorkingDayNumber(calendar, n) ? date : fromDayNumber(step(calendar, n, -1));
}

/** Years in [from, to] (either order) the calendar has no official data for; [] for full coverage. */
export function uncoveredYears(from: IsoDate, to: IsoDate, calendar: HolidayCalendar = defaultCalendar()): number[] {
  if (!calendar.covers) return [];
  const [a, b] = from <= to ? [from, to] : [to, from];
  const out: number[] = [];
  for (let year = yearOf(a); year <= yearOf(b); year++) {
    // Probe the first day of the year that lies inside the span.
    const probe = year === yearOf(a) ? a : formatIsoDate(year, 1, 1);
    if (!calendar.covers(probe)) out.push(year);
  }
  return out;
}
