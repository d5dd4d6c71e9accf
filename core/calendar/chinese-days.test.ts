import chineseDays from 'chinese-days';
import { afterAll, describe, expect, it } from 'vitest';
import { calendarFromTables, chineseDaysCalendar } from './chinese-days';
import { CalendarRangeError, withWeekdayFallback } from './holiday-calendar';
import { addDays } from './iso-date';

const cal = chineseDaysCalendar();
const savedTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = savedTz;
});

describe('chinese-days calendar', () => {
  it('covers 2004–2026 (chinese-days 1.5.7) and refuses other years', () => {
    expect(cal.coveredYears).toEqual({ first: 2004, last: 2026 });
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2027-01-04')).toBe(false);
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow(CalendarRangeError);
    expect(() => cal.isWorkingDay('2027-01-04')).toThrow('2027年的节假日安排尚未收录(现有数据覆盖2004–2026年)');
    expect(() => cal.isWorkingDay('2003-06-02')).toThrow(CalendarRangeError);
  });

  it('falls back to Monday–Friday only when asked to', () => {
    const lenient = withWeekdayFallback(cal);
    expect(lenient.isWorkingDay('2027-01-04')).toBe(true); // a Monday
    expect(lenient.isWorkingDay('2027-01-03')).toBe(false); // a Sunday
    expect(lenient.isWorkingDay('2024-02-04')).toBe(true); // inside the data: the real answer
    expect(withWeekdayFallback(cal)).toBe(lenient);
  });

  it('names holidays and 调休 working weekends', () => {
    expect(cal.describe('2024-02-12')).toEqual({ date: '2024-02-12', working: false, holiday: '春节', adjustedWorkday: false });
    expect(cal.describe('2024-02-18')).toEqual({ date: '2024-02-18', working: true, holiday: '春节', adjustedWorkday: true });
    expect(cal.describe('2024-03-05')).toEqual({ date: '2024-03-05', working: true, holiday: null, adjustedWorkday: false });
  });

  it('agrees with the package’s own isWorkday on every day 2004–2026 (in Beijing time)', () => {
    process.env.TZ = 'Asia/Shanghai';
    const mismatches: string[] = [];
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (chineseDays.isWorkday(d) !== cal.isWorkingDay(d)) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the same answers whatever the host time zone', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = tz;
      expect([cal.isWorkingDay('2024-02-04'), cal.isWorkingDay('2022-10-07'), cal.isWorkingDay('2022-10-09')], tz).toEqual([
        true,
        false,
        true,
      ]);
    }
  });

  it('applies the package rule to injected tables', () => {
    const tiny = calendarFromTables({
      holidays: { '2030-01-01': "New Year's Day,元旦,1" },
      workdays: { '2030-01-05': "New Year's Day,元旦,1" },
      inLieuDays: {},
    });
    expect(tiny.coveredYears).toEqual({ first: 2030, last: 2030 });
    expect(tiny.isWorkingDay('2030-01-01')).toBe(false);
    expect(tiny.isWorkingDay('2030-01-05')).toBe(true); // a Saturday made a working day
    expect(tiny.isWorkingDay('2030-01-06')).toBe(false);
  });
});
