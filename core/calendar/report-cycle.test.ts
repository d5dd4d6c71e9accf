import { describe, expect, it } from 'vitest';
import { nextReportDate } from './report-cycle';

describe('next progress report date', () => {
  it('weekly: the next cycle weekday after the last report', () => {
    expect(nextReportDate('2024-09-23', { kind: 'weekly', weekday: 5 }).date).toBe('2024-09-27');
    expect(nextReportDate('2024-09-20', { kind: 'weekly', weekday: 5 }).date).toBe('2024-09-27');
  });

  it('weekly: a Friday in the National Day holiday moves to the next working day', () => {
    expect(nextReportDate('2024-09-27', { kind: 'weekly', weekday: 5 })).toEqual({
      date: '2024-10-08',
      nominal: '2024-10-04',
      estimated: false,
    });
    // Reported on the moved date: the next one is the ordinary Friday.
    expect(nextReportDate('2024-10-08', { kind: 'weekly', weekday: 5 }).date).toBe('2024-10-11');
  });

  it('weekly on Saturday: a 调休 working Saturday stays', () => {
    expect(nextReportDate('2024-10-08', { kind: 'weekly', weekday: 6 }).date).toBe('2024-10-12');
    expect(nextReportDate('2024-10-14', { kind: 'weekly', weekday: 6 }).date).toBe('2024-10-21');
  });

  it('monthly: the 10th of February 2024 is in Spring Festival, due on the 调休 Sunday 2-18', () => {
    expect(nextReportDate('2024-01-15', { kind: 'monthly', day: 10 })).toEqual({
      date: '2024-02-18',
      nominal: '2024-02-10',
      estimated: false,
    });
    expect(nextReportDate('2024-02-12', { kind: 'monthly', day: 10 }).date).toBe('2024-02-18');
    expect(nextReportDate('2024-02-18', { kind: 'monthly', day: 10 }).date).toBe('2024-03-11'); // 3-10 is a Sunday
  });

  it('monthly: day 31 is the month’s last day, and 元旦 moves day 1', () => {
    expect(nextReportDate('2024-02-01', { kind: 'monthly', day: 31 }).date).toBe('2024-02-29');
    expect(nextReportDate('2023-02-01', { kind: 'monthly', day: 31 }).date).toBe('2023-02-28');
    expect(nextReportDate('2024-12-15', { kind: 'monthly', day: 1 }).date).toBe('2025-01-02');
  });

  it('custom: every N working days', () => {
    expect(nextReportDate('2024-09-27', { kind: 'custom', everyWorkingDays: 5 }).date).toBe('2024-10-10');
  });

  it('flags dates in a year without official data', () => {
    expect(nextReportDate('2026-12-15', { kind: 'monthly', day: 5 })).toEqual({
      date: '2027-01-05',
      nominal: '2027-01-05',
      estimated: true,
    });
  });

  it('rejects a malformed cycle', () => {
    expect(() => nextReportDate('2024-01-01', { kind: 'weekly', weekday: 8 })).toThrow();
  });
});
