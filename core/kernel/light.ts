import { withWeekdayFallback, type HolidayCalendar } from '../calendar/holiday-calendar';
import { chineseDate, isIsoDate, toDayNumber, type IsoDate } from '../calendar/iso-date';
import type { Light } from '../calendar/light';
import { addWorkingDays, defaultCalendar, uncoveredYears, workingDaysBetween } from '../calendar/working-days';
import type { DeadlineItem } from './area';

/**
 * The light (亮灯) of any record, from the deadlines it yields (core/kernel/deadline.ts) and today,
 * in one place; the SQL form is generated from the same thresholds (lightSqlSpec, lightSql).
 *
 * - none: the record is finished (办结): `closed`, or every final deadline is done;
 * - red: the earliest open final deadline has passed (calendar comparison);
 * - yellow: it is at most `warnWorkingDays` working days away, or an open step (签收, 进展反馈,
 *   节点目标) has passed;
 * - green: otherwise, also with no deadline at all (未设完成时限).
 */

export const DEFAULT_WARN_WORKING_DAYS = 3;

export interface RecordLightOptions {
  /** Yellow when the deadline is at most this many working days away. Default 3. */
  warnWorkingDays?: number;
  calendar?: HolidayCalendar;
  /** The record is finished even if it yields no final deadline (办结 without a 完成时限). */
  closed?: boolean;
}

export interface RecordLight {
  light: Light;
  /** Chinese, for the user: why the light has this colour. */
  reasons: string[];
  /** The open final deadline assessed (the earliest), or null. */
  due: IsoDate | null;
  /** Working days after today up to and including `due`; negative when overdue; null without one. */
  workingDaysLeft: number | null;
  /** A year involved has no official holiday data: working days were counted Monday–Friday. */
  estimated: boolean;
}

const RANK: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };
const worse = (a: Light, b: Light): Light => (RANK[b] > RANK[a] ? b : a);

export function recordLight(items: readonly DeadlineItem[], today: IsoDate, opts: RecordLightOptions = {}): RecordLight {
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  const warn = opts.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS;
  toDayNumber(today); // validates
  const finals = items.filter((i) => !i.step);
  if (opts.closed || (finals.length > 0 && finals.every((i) => i.done))) {
    return { light: 'none', reasons: ['已办结'], due: null, workingDaysLeft: null, estimated: false };
  }
  const open = finals.filter((i) => !i.done).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const nearest = open[0] ?? null;
  const reasons: string[] = [];
  let light: Light = 'green';
  let left: number | null = null;
  if (nearest) {
    const { name, due } = nearest;
    left = workingDaysBetween(today, due, calendar) || 0; // never -0
    if (today > due) {
      light = 'red';
      reasons.push(left < 0 ? `${name}已超期${-left}个工作日` : `已超过${name}(${chineseDate(due)})`);
    } else {
      if (left <= warn) light = 'yellow';
      if (today === due) reasons.push(`今天是${name}`);
      else reasons.push(left > 0 ? `距${name}还有${left}个工作日` : `距${name}(${chineseDate(due)})已无工作日`);
    }
    reasons.push(`${name}${chineseDate(due)}:${nearest.rule}`);
  } else {
    reasons.push('未设完成时限');
  }
  for (const step of items) {
    if (step.step && !step.done && today > step.due) {
      light = worse(light, 'yellow');
      reasons.push(`${step.name}逾期(${chineseDate(step.due)})`);
    }
  }
  const gaps = nearest ? uncoveredYears(today, nearest.due, calendar) : [];
  if (gaps.length > 0) reasons.push(`${gaps.join('、')}年节假日安排尚未收录,工作日按周一至周五估算`);
  else if (open.some((i) => i.estimated)) reasons.push('期限跨越节假日安排尚未收录的年份,工作日按周一至周五估算');
  return { light, reasons, due: nearest?.due ?? null, workingDaysLeft: left, estimated: gaps.length > 0 || open.some((i) => i.estimated) };
}

/**
 * What the SQL form needs: `today`, and `warnBefore`, the first day more than `warnWorkingDays`
 * working days away. An open final deadline d (not passed) has at most `warnWorkingDays` working
 * days left exactly when d < warnBefore, since working days are counted in (today, d].
 */
export interface LightSqlSpec {
  today: IsoDate;
  warnBefore: IsoDate;
}

export function lightSqlSpec(today: IsoDate, opts: Omit<RecordLightOptions, 'closed'> = {}): LightSqlSpec {
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  toDayNumber(today);
  return { today, warnBefore: addWorkingDays(today, (opts.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS) + 1, calendar) };
}

/** SQL expressions over a row: the record is finished; its earliest open final due; its open steps' dues. */
export interface LightSqlColumns {
  closed: string;
  due: string;
  steps: readonly string[];
}

/**
 * The light as an SQL CASE with recordLight's rule. Date columns hold 'YYYY-MM-DD', or NULL (or a
 * key after every date, such as '9999-12-31') when there is none. The dates are literals (checked
 * to be dates): the expression appears several times in a statement, so parameters would drift.
 */
export function lightSql(cols: LightSqlColumns, spec: LightSqlSpec): string {
  for (const d of [spec.today, spec.warnBefore]) if (!isIsoDate(d)) throw new Error(`not a date: ${d}`);
  const t = `'${spec.today}'`;
  const behind = cols.steps.map((s) => ` OR ${s} < ${t}`).join('');
  return `CASE WHEN ${cols.closed} THEN 'none' WHEN ${cols.due} < ${t} THEN 'red' WHEN ${cols.due} < '${spec.warnBefore}'${behind} THEN 'yellow' ELSE 'green' END`;
}
