import { describe, expect, it } from 'vitest';
import {
  addDays,
  beijingDate,
  chineseDate,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  lastDayOfMonth,
  parseIsoDate,
  toDayNumber,
} from './iso-date';

describe('iso dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-2-3', '2024-02-30', '20240203', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(() => toDayNumber('2024-02-30')).toThrow(/日期无效/);
  });

  it('round-trips day numbers and steps across month and year ends', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
    expect(addDays('2023-01-01', -1)).toBe('2022-12-31');
    expect(lastDayOfMonth(2023, 2)).toBe('2023-02-28');
  });

  it('knows the weekday without the local time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(isoWeekday('2024-02-04'), tz).toBe(7); // a Sunday (调休 working day)
        expect(isoWeekday('2022-10-08'), tz).toBe(6);
        expect(isoWeekday('2024-01-01'), tz).toBe(1);
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it('turns an instant into the Beijing calendar date (UTC+8)', () => {
    expect(beijingDate(new Date('2024-02-09T15:59:59Z'))).toBe('2024-02-09');
    expect(beijingDate(new Date('2024-02-09T16:00:00Z'))).toBe('2024-02-10');
    expect(beijingDate(new Date('2022-12-31T18:00:00Z'))).toBe('2023-01-01');
    expect(() => beijingDate(new Date('nope'))).toThrow();
  });

  it('writes dates the GB/T 9704 way', () => {
    expect(chineseDate('2022-05-08')).toBe('2022年5月8日');
  });
});
