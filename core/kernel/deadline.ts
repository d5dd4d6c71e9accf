import { withWeekdayFallback, type HolidayCalendar } from '../calendar/holiday-calendar';
import { addDays, chineseDate, daysInMonth, formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber, type IsoDate } from '../calendar/iso-date';
import { addWorkingDays, defaultCalendar, isWorkingDay, nextWorkingDayOnOrAfter, uncoveredYears } from '../calendar/working-days';
import { AppError } from '../result';
import type { DeadlineItem } from './area';

/**
 * The one deadline engine: every area's limits (督办 交办后3个月, 信访 受理之日起60日内, 12345 3个工作日内,
 * 提案 3 months) are computed here, each date with the Chinese rule text that produced it.
 *
 * Counting follows 民法典第二百零一条/二百零二条: the start day does not count; "N日" ends N days
 * later; "N个月" ends on the corresponding day N months later, or that month's last day when it
 * has none (11-30 + 3个月 → 02-28/29; 01-31 + 3个月 → 04-30); "N个工作日" ends on the Nth working
 * day after the start on the official calendar (调休 included). Pure: the calendar is passed in.
 */

export type Period =
  | { unit: 'working-days'; n: number }
  | { unit: 'days'; n: number }
  | { unit: 'months'; n: number }
  /** 当日: due the day it starts (12345 紧急); never moved and never stopped. */
  | { unit: 'same-day' };

/** Days that do not count (信访 补正 or 鉴定 time), both ends included. */
export interface ClockStop {
  from: IsoDate;
  to: IsoDate;
  /** What the time was spent on, for the rule text: 补正, 鉴定. */
  reason?: string;
}

/** An approved extension. The rule's cap ("at most 3 months more", "30 days more") and/or the date approved. */
export interface Extension {
  /** The longest extension the rule allows, counted from the deadline it extends. */
  max?: Period;
  /** The date the approval names; without it the whole `max`. Capped at `max`. */
  until?: IsoDate | null;
}

export interface DeadlineRule {
  /** The words before the period: 交办后, 受理之日起, 登记后; '' for a bare 3个工作日内. */
  from: string;
  period: Period;
  /**
   * A due date on a non-working day: 'keep' (default; 督办: a date is a date) or
   * 'next-working-day' (民法典第二百零三条; the 信访条例 and 12345 limits).
   */
  holiday?: 'keep' | 'next-working-day';
}

export interface DeadlineInput {
  /** The day the period starts from (交办, 受理, 登记 date); it does not count. */
  start: IsoDate;
  rule: DeadlineRule;
  stops?: readonly ClockStop[];
  /** Approved extensions, in the order approved. */
  extensions?: readonly Extension[];
}

export interface DeadlineStep {
  due: IsoDate;
  rule: string;
}

export interface Deadline {
  /** The date assessed: after every approved extension. */
  due: IsoDate;
  /** The rule that produced `due`, in Chinese. */
  rule: string;
  /** The holiday calendar does not cover the whole span: working days were counted Monday–Friday. */
  estimated: boolean;
  /** The original deadline, then one step per extension. */
  steps: DeadlineStep[];
}

export interface DeadlineOptions {
  calendar?: HolidayCalendar;
}

/** "3个工作日内", "60日内", "3个月", "当日": the period as a limit reads in a rule. */
export function periodText(p: Period): string {
  if (p.unit === 'same-day') return '当日';
  return p.unit === 'working-days' ? `${p.n}个工作日内` : p.unit === 'days' ? `${p.n}日内` : `${p.n}个月`;
}

/** "30日", "3个月": the period as an extension's length reads. */
const extentText = (p: Period): string =>
  p.unit === 'same-day' ? '0日' : p.unit === 'working-days' ? `${p.n}个工作日` : p.unit === 'days' ? `${p.n}日` : `${p.n}个月`;

/** The corresponding day `n` months later, or that month's last day when it has none. */
export function addMonths(date: IsoDate, n: number): IsoDate {
  toDayNumber(date); // BAD_INPUT for anything that is not a date
  const ymd = parseIsoDate(date)!;
  const index = ymd.year * 12 + (ymd.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate(year, month, Math.min(ymd.day, daysInMonth(year, month)));
}

export function computeDeadline(input: DeadlineInput, opts: DeadlineOptions = {}): Deadline {
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  const { rule } = input;
  checkPeriod(rule.period);
  const stops = stoppedDays(input.stops ?? []);
  let usesCalendar = rule.period.unit === 'working-days' || rule.holiday === 'next-working-day';

  const first = run(input.start, rule.period, stops, input.stops ?? [], calendar);
  const base = settle(first.due, rule, calendar);
  const steps: DeadlineStep[] = [{ due: base.due, rule: `${rule.from}${periodText(rule.period)}${first.note}${base.note}` }];
  for (const ext of input.extensions ?? []) {
    const previous = steps[steps.length - 1]!.due;
    if (ext.max) {
      checkPeriod(ext.max);
      if (ext.max.unit === 'working-days') usesCalendar = true;
    }
    const cap = ext.max ? run(previous, ext.max, stops, input.stops ?? [], calendar) : null;
    let due: IsoDate;
    let text: string;
    if (ext.until) {
      toDayNumber(ext.until);
      const capped = cap !== null && ext.until > cap.due;
      due = capped ? cap.due : ext.until;
      text = `延期批准后延至${chineseDate(due)}${capped ? `(最多延长${extentText(ext.max!)})` : ''}`;
    } else if (cap) {
      due = cap.due;
      text = `延期批准后延长${extentText(ext.max!)}${cap.note}`;
    } else {
      throw new AppError('BAD_INPUT', '延期应写明延长期限或延至日期');
    }
    const settled = settle(due, rule, calendar);
    steps.push({ due: settled.due, rule: text + settled.note });
  }
  const last = steps[steps.length - 1]!;
  const estimated = usesCalendar && uncoveredYears(input.start, last.due, calendar).length > 0;
  return { due: last.due, rule: last.rule, estimated, steps };
}

/** A deadline as a record yields it (core/kernel/area.ts DeadlineItem). */
export function deadlineItem(name: string, deadline: Deadline, done: boolean, step = false): DeadlineItem {
  return { name, due: deadline.due, rule: deadline.rule, done, estimated: deadline.estimated, ...(step ? { step } : {}) };
}

function checkPeriod(p: Period): void {
  if (p.unit !== 'same-day' && (!Number.isInteger(p.n) || p.n < 0 || p.n > 3650)) {
    throw new AppError('BAD_INPUT', `期限应为0至3650之间的整数:${String(p.n)}`);
  }
}

/** Day numbers inside any clock stop. */
function stoppedDays(stops: readonly ClockStop[]): Set<number> {
  const days = new Set<number>();
  for (const s of stops) {
    const [a, b] = [toDayNumber(s.from), toDayNumber(s.to)];
    if (b < a) throw new AppError('BAD_INPUT', `停止计时的期间无效:${s.from}至${s.to}`);
    if (b - a > 3650) throw new AppError('BAD_INPUT', `停止计时的期间过长:${s.from}至${s.to}`);
    for (let d = a; d <= b; d++) days.add(d);
  }
  return days;
}

/**
 * The end of `period` counted from `start`, not counting stopped days: the plain end, then as
 * many more counting days (working days for a working-day limit) as the stops took from (start, end].
 */
function run(start: IsoDate, period: Period, stopped: Set<number>, stops: readonly ClockStop[], calendar: HolidayCalendar): { due: IsoDate; note: string } {
  const plain =
    period.unit === 'same-day' ? start
    : period.unit === 'working-days' ? addWorkingDays(start, period.n, calendar)
    : period.unit === 'days' ? addDays(start, period.n)
    : addMonths(start, period.n);
  if (period.unit === 'same-day' || stopped.size === 0) return { due: plain, note: '' };
  const counts = (d: number) => period.unit !== 'working-days' || isWorkingDay(fromDayNumber(d), calendar);
  const s = toDayNumber(start);
  let end = toDayNumber(plain);
  let owed = 0;
  for (let d = s + 1; d <= end; d++) if (stopped.has(d) && counts(d)) owed++;
  while (owed > 0) {
    end++;
    if (!stopped.has(end) && counts(end)) owed--;
  }
  let skipped = 0;
  for (let d = s + 1; d <= end; d++) if (stopped.has(d)) skipped++;
  if (skipped === 0) return { due: fromDayNumber(end), note: '' };
  const reasons = [...new Set(stops.map((x) => x.reason).filter((r): r is string => !!r))];
  return { due: fromDayNumber(end), note: `(不计${reasons.length > 0 ? reasons.join('、') : '中止'}期间${skipped}日)` };
}

/** The rule's holiday handling: a due date on a non-working day moves on when the rule says so. */
function settle(due: IsoDate, rule: DeadlineRule, calendar: HolidayCalendar): { due: IsoDate; note: string } {
  if (rule.holiday !== 'next-working-day' || rule.period.unit === 'same-day') return { due, note: '' };
  const moved = nextWorkingDayOnOrAfter(due, calendar);
  return moved === due ? { due, note: '' } : { due: moved, note: `(${chineseDate(due)}非工作日,顺延至${chineseDate(moved)})` };
}
