import { AppError } from '../result';
import { isoWeekday, yearOf, type IsoDate } from './iso-date';

/**
 * Which days are working days. The default is the official calendar from chinese-days
 * (./chinese-days.ts); tests and special offices inject their own.
 *
 * Implementations must be pure: working-days.ts caches their answers per year.
 */
export interface HolidayCalendar {
  /** True on a working day, including 调休 working weekends; false on weekends and 法定节假日. */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * Whether official data exists for the date's year. Absent means "covers every date".
   * Outside coverage a strict calendar throws CalendarRangeError from isWorkingDay.
   */
  covers?(date: IsoDate): boolean;
  /** Years with official data, for messages ("2004–2026年"). */
  readonly coveredYears?: { first: number; last: number };
}

/** A date outside the calendar's official data, asked of a calendar that refuses to guess. */
export class CalendarRangeError extends AppError {
  constructor(date: IsoDate, covered?: { first: number; last: number }) {
    const range = covered ? `(现有数据覆盖${covered.first}–${covered.last}年)` : '';
    super('BAD_INPUT', `${yearOf(date)}年的节假日安排尚未收录${range},无法按工作日计算 ${date}`, { date, covered });
    this.name = 'CalendarRangeError';
  }
}

export const isWeekday = (date: IsoDate): boolean => isoWeekday(date) <= 5;

/** Monday to Friday, no holidays: for tests, and the estimate outside official data. */
export const weekdayCalendar: HolidayCalendar = { isWorkingDay: isWeekday };

const lenientViews = new WeakMap<HolidayCalendar, HolidayCalendar>();

/**
 * The same calendar, but outside its data it answers with the Monday–Friday rule instead of
 * throwing. Callers that use it must surface `covers()` to the user (light.ts sets `estimated`).
 * Memoised so the working-day cache (keyed by calendar object) is shared across calls.
 */
export function withWeekdayFallback(calendar: HolidayCalendar): HolidayCalendar {
  if (!calendar.covers) return calendar;
  let view = lenientViews.get(calendar);
  if (!view) {
    const covers = calendar.covers.bind(calendar);
    view = {
      isWorkingDay: (date) => (covers(date) ? calendar.isWorkingDay(date) : isWeekday(date)),
      covers,
      ...(calendar.coveredYears ? { coveredYears: calendar.coveredYears } : {}),
    };
    lenientViews.set(calendar, view);
  }
  return view;
}
