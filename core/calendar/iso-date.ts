import { AppError } from '../result';

/**
 * Calendar dates as 'YYYY-MM-DD' strings, computed with UTC arithmetic only.
 *
 * Why not `new Date('2024-02-04')` and getDay(): that mixes UTC parsing with local-time getters, so
 * the answer depends on the machine's time zone (west of UTC it is off by one day). Here a date is
 * a day number (days since 1970-01-01) and every conversion goes through Date.UTC/getUTC*.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;
/** China has used UTC+8 all year since 1992 (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Digits at s[from, from+len) as a number, or -1. Hand-rolled: the light is recomputed for 100,000 items. */
function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** The parts of a real calendar date, or null ('2024-02-30' and '2024-2-3' are not dates). */
export function parseIsoDate(iso: string): Ymd | null {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return null;
  const [year, month, day] = [digits(iso, 0, 4), digits(iso, 5, 2), digits(iso, 8, 2)];
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

function requireYmd(iso: string): Ymd {
  const ymd = parseIsoDate(iso);
  if (!ymd) throw new AppError('BAD_INPUT', `日期无效:${iso}(应为 YYYY-MM-DD)`);
  return ymd;
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return formatIsoDate(year, month, daysInMonth(year, month));
}

/** Days since 1970-01-01; throws BAD_INPUT on anything that is not a real date. */
export function toDayNumber(iso: IsoDate): number {
  const { year, month, day } = requireYmd(iso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(iso) + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(iso: IsoDate): number {
  return requireYmd(iso).year;
}

/** The calendar date in Beijing (UTC+8) at an instant, whatever the machine's time zone. */
export function beijingDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new AppError('BAD_INPUT', '时间无效');
  return fromDayNumber(Math.floor((instant.getTime() + BEIJING_OFFSET_MS) / DAY_MS));
}

/** '2022-05-08' → '2022年5月8日' (GB/T 9704-2012: full year, no leading zeros). */
export function chineseDate(iso: IsoDate): string {
  const { year, month, day } = requireYmd(iso);
  return `${year}年${month}月${day}日`;
}
