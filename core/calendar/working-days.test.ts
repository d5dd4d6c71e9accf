import { describe, expect, it } from 'vitest';
import { CalendarRangeError, weekdayCalendar, withWeekdayFallback, type HolidayCalendar } from './holiday-calendar';
import { addDays } from './iso-date';
import {
  addWorkingDays,
  defaultCalendar,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  previousWorkingDayOnOrBefore,
  uncoveredYears,
  workingDaysBetween,
} from './working-days';

describe('the official calendar (国务院办公厅 notices)', () => {
  it('Spring Festival 2024: 2-10…2-17 off, Sundays 2-4 and 2-18 worked, 除夕 2-9 a working day', () => {
    expect(isWorkingDay('2024-02-04')).toBe(true);
    expect(isWorkingDay('2024-02-09')).toBe(true);
    for (let d = '2024-02-10'; d <= '2024-02-17'; d = addDays(d, 1)) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2024-02-18')).toBe(true);
    expect(addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(addWorkingDays('2024-02-03', 1)).toBe('2024-02-04');
    expect(workingDaysBetween('2024-02-09', '2024-02-19')).toBe(2);
  });

  it('Spring Festival 2025: 1-28…2-4 off, Sunday 1-26 and Saturday 2-8 worked', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-01-28')).toBe(false);
    expect(isWorkingDay('2025-02-04')).toBe(false);
    expect(isWorkingDay('2025-02-08')).toBe(true);
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-27', 1)).toBe('2025-02-05');
    expect(workingDaysBetween('2025-01-24', '2025-02-07')).toBe(5);
  });

  it('National Day 2022: 10-1…10-7 off, Saturday 10-8 and Sunday 10-9 worked', () => {
    expect(isWorkingDay('2022-10-07')).toBe(false);
    expect(isWorkingDay('2022-10-08')).toBe(true);
    expect(isWorkingDay('2022-10-09')).toBe(true);
    expect(addWorkingDays('2022-09-30', 1)).toBe('2022-10-08');
    expect(workingDaysBetween('2022-09-30', '2022-10-10')).toBe(3);
  });

  it('National Day 2024: Sunday 9-29 and Saturday 10-12 worked', () => {
    expect(isWorkingDay('2024-09-29')).toBe(true);
    expect(isWorkingDay('2024-10-12')).toBe(true);
    expect(isWorkingDay('2024-10-13')).toBe(false);
    expect(addWorkingDays('2024-09-27', 3)).toBe('2024-10-08');
    expect(addWorkingDays('2024-10-08', -2)).toBe('2024-09-29');
  });

  it('crosses year boundaries with 元旦', () => {
    // 2022-12-31…2023-01-02 off (Saturday, Sunday and the Monday in lieu)
    expect(addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
    expect(addWorkingDays('2023-01-03', -1)).toBe('2022-12-30');
    expect(workingDaysBetween('2022-12-29', '2023-01-04')).toBe(3);
    expect(workingDaysBetween('2024-12-31', '2025-01-02')).toBe(1);
    expect(nextWorkingDayOnOrAfter('2025-01-01')).toBe('2025-01-02');
    expect(previousWorkingDayOnOrBefore('2023-01-02')).toBe('2022-12-30');
  });
});

describe('semantics', () => {
  it('n = 0 means the day itself if it is a working day, else the next one', () => {
    expect(addWorkingDays('2024-09-30', 0)).toBe('2024-09-30');
    expect(addWorkingDays('2024-10-01', 0)).toBe('2024-10-08');
    expect(nextWorkingDayOnOrAfter('2024-10-12')).toBe('2024-10-12');
  });

  it('between counts (from, to], is antisymmetric and zero for the same day', () => {
    expect(workingDaysBetween('2024-09-02', '2024-09-02')).toBe(0);
    expect(workingDaysBetween('2024-09-02', '2024-09-03')).toBe(1);
    expect(workingDaysBetween('2024-09-03', '2024-09-02')).toBe(-1);
    expect(workingDaysBetween('2024-10-08', '2024-09-30')).toBe(-1);
  });

  it('addWorkingDays and workingDaysBetween agree, and match a day-by-day count (fixed seed)', () => {
    let seed = 20240204;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const from = addDays('2004-01-01', rand(8000));
      const n = rand(60) - 20;
      const to = addWorkingDays(from, n);
      // n > 0: n working days in (from, to]; n < 0: |n| working days in [to, from).
      if (n > 0) expect(workingDaysBetween(from, to), `${from} ${n}`).toBe(n);
      if (n < 0) expect(workingDaysBetween(addDays(to, -1), addDays(from, -1)), `${from} ${n}`).toBe(-n);
      const other = addDays(from, rand(800));
      if (other > '2026-12-31') continue;
      let brute = 0;
      for (let d = addDays(from, 1); d <= other; d = addDays(d, 1)) if (isWorkingDay(d)) brute++;
      expect(workingDaysBetween(from, other)).toBe(brute);
    }
  });

  it('rejects bad input', () => {
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(/日期无效/);
    expect(() => addWorkingDays('2024-02-01', 1.5)).toThrow(/整数/);
  });
});

describe('outside the official data', () => {
  it('throws by default and estimates only through the fallback', () => {
    expect(() => workingDaysBetween('2026-12-28', '2027-01-05')).toThrow(CalendarRangeError);
    expect(() => addWorkingDays('2026-12-31', 1)).toThrow(/2027年的节假日安排尚未收录/);
    const lenient = withWeekdayFallback(defaultCalendar());
    expect(addWorkingDays('2026-12-31', 1, lenient)).toBe('2027-01-01'); // a Friday: really 元旦, hence the flag
    expect(uncoveredYears('2026-12-28', '2028-01-05', lenient)).toEqual([2027, 2028]);
    expect(uncoveredYears('2024-01-01', '2026-12-31')).toEqual([]);
  });
});

describe('injected calendars', () => {
  it('uses whatever calendar it is given', () => {
    expect(addWorkingDays('2024-02-09', 1, weekdayCalendar)).toBe('2024-02-12');
    const fourDayWeek: HolidayCalendar = { isWorkingDay: (d) => !['2030-01-03'].includes(d) && weekdayCalendar.isWorkingDay(d) };
    expect(workingDaysBetween('2029-12-31', '2030-01-04', fourDayWeek)).toBe(3);
  });

  it('stops on a calendar without working days instead of looping', () => {
    expect(() => addWorkingDays('2030-01-01', 1, { isWorkingDay: () => false })).toThrow(/没有工作日/);
  });
});
