import { z } from 'zod';
// The package publishes this JSON as part of its API (README: "提供了中国节假日的 JSON 文件").
// We read the data instead of calling isWorkday(): the package's functions parse and format dates
// in the host's local time zone, and west of UTC they answer for the wrong day (with
// TZ=America/Los_Angeles, isWorkday(new Date(2024, 1, 4)) is false although 2024-02-04 was a
// 调休 working Sunday). The same rule as the package is applied below, on plain date keys.
import rawData from 'chinese-days/dist/chinese-days.json';
import { CalendarRangeError, isWeekday, type HolidayCalendar } from './holiday-calendar';
import { yearOf, type IsoDate } from './iso-date';

const DayTable = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string());
const ChineseDaysData = z.object({ holidays: DayTable, workdays: DayTable, inLieuDays: DayTable });
type ChineseDaysData = z.infer<typeof ChineseDaysData>;

export interface DayDescription {
  date: IsoDate;
  working: boolean;
  /** '春节', '国庆节'… on a 法定节假日 or a 调休 working day belonging to that holiday. */
  holiday: string | null;
  /** A weekend day that is a working day (调休上班). */
  adjustedWorkday: boolean;
}

export interface ChineseDaysCalendar extends HolidayCalendar {
  readonly coveredYears: { first: number; last: number };
  covers(date: IsoDate): boolean;
  describe(date: IsoDate): DayDescription;
}

/** 'Spring Festival,春节,4' → '春节' */
const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

function build(data: ChineseDaysData): ChineseDaysCalendar {
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  const sorted = [...years].sort((a, b) => a - b);
  const coveredYears = { first: sorted[0] ?? 0, last: sorted[sorted.length - 1] ?? -1 };
  // Covered means the year's 国务院办公厅 notice is in the data: every notice has 元旦, so a year
  // with no holiday at all has no notice. Gaps inside the range would be caught here too.
  const covers = (date: IsoDate): boolean => years.has(yearOf(date));
  const strictCheck = (date: IsoDate): void => {
    if (!covers(date)) throw new CalendarRangeError(date, coveredYears);
  };
  const isWorkingDay = (date: IsoDate): boolean => {
    strictCheck(date);
    if (data.workdays[date] !== undefined) return true;
    return isWeekday(date) && data.holidays[date] === undefined;
  };
  const describe = (date: IsoDate): DayDescription => {
    const working = isWorkingDay(date);
    const entry = data.workdays[date] ?? data.holidays[date];
    return {
      date,
      working,
      holiday: entry === undefined ? null : chineseName(entry),
      adjustedWorkday: working && !isWeekday(date),
    };
  };
  return { isWorkingDay, covers, coveredYears, describe };
}

let cached: ChineseDaysCalendar | null = null;

/**
 * The official calendar (法定节假日 and 调休) from chinese-days. Strict: a date in a year the
 * package has no notice for throws CalendarRangeError; wrap it with withWeekdayFallback() to get
 * a flagged Monday–Friday estimate instead. chinese-days 1.5.7 covers 2004–2026.
 */
export function chineseDaysCalendar(): ChineseDaysCalendar {
  if (!cached) {
    const parsed = ChineseDaysData.safeParse(rawData);
    if (!parsed.success) throw new Error(`chinese-days 数据格式无法识别:${parsed.error.message}`);
    cached = build(parsed.data);
  }
  return cached;
}

/** For tests: the same rule over hand-made tables. */
export const calendarFromTables = (data: ChineseDaysData): ChineseDaysCalendar => build(ChineseDaysData.parse(data));
