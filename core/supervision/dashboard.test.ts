import { describe, expect, it } from 'vitest';
import { groupsOf, onTimeOf, periodOf, rankingOf, trendOf } from './dashboard';

describe('dashboard helpers', () => {
  it('puts a completion in its month or its week (Monday)', () => {
    expect(periodOf('2022-06-30', 'month')).toBe('2022-06');
    expect(periodOf('2022-06-30', 'week')).toBe('2022-06-27'); // a Thursday
    expect(periodOf('2022-06-27', 'week')).toBe('2022-06-27');
    expect(periodOf('2022-07-03', 'week')).toBe('2022-06-27'); // Sunday
  });

  it('fills the trend continuously up to today and keeps the most recent points', () => {
    const months = trendOf(new Map([['2022-05', 2], ['2022-08', 1]]), 'month', '2022-09-15');
    expect(months.map((p) => [p.period, p.count])).toEqual([['2022-05', 2], ['2022-06', 0], ['2022-07', 0], ['2022-08', 1], ['2022-09', 0]]);
    expect(months[1]).toMatchObject({ from: '2022-06-01', to: '2022-06-30' });
    const long = trendOf(new Map([['2019-01', 1], ['2022-09', 3]]), 'month', '2022-09-15');
    expect(long).toHaveLength(24);
    expect(long[23]).toMatchObject({ period: '2022-09', count: 3 });
    const weeks = trendOf(new Map([['2022-06-27', 4]]), 'week', '2022-07-12');
    expect(weeks.map((p) => p.period)).toEqual(['2022-06-27', '2022-07-04', '2022-07-11']);
    expect(trendOf(new Map(), 'week', '2022-07-12')).toEqual([]);
  });

  it('assesses an item once done or past its deadline; on time when done by it', () => {
    // Done without a deadline: assessed, and it could not be late (issue 10: no 暂无可考核 beside 已办结 1).
    expect(onTimeOf({ deadlineAssessed: null, completedAt: '2022-06-01' }, '2022-07-01')).toEqual({ assessed: true, onTime: true });
    expect(onTimeOf({ deadlineAssessed: null, completedAt: null }, '2022-07-01')).toEqual({ assessed: false, onTime: false });
    expect(onTimeOf({ deadlineAssessed: '2022-06-30', completedAt: null }, '2022-06-30')).toEqual({ assessed: false, onTime: false });
    expect(onTimeOf({ deadlineAssessed: '2022-06-30', completedAt: null }, '2022-07-01')).toEqual({ assessed: true, onTime: false });
    expect(onTimeOf({ deadlineAssessed: '2022-06-30', completedAt: '2022-06-30' }, '2022-06-01')).toEqual({ assessed: true, onTime: true });
    expect(onTimeOf({ deadlineAssessed: '2022-06-30', completedAt: '2022-07-01' }, '2022-08-01')).toEqual({ assessed: true, onTime: false });
  });

  it('ranks by rate, then by how many were assessed; groups by size, red first', () => {
    const ranking = rankingOf([
      { unit: 'A', assessed: 2, onTime: 1 },
      { unit: 'B', assessed: 4, onTime: 2 },
      { unit: 'C', assessed: 1, onTime: 1 },
      { unit: 'D', assessed: 0, onTime: 0 },
      { unit: 'A', assessed: 2, onTime: 1 },
    ]);
    expect(ranking.map((r) => [r.unit, r.rate])).toEqual([['C', 1], ['A', 0.5], ['B', 0.5]]);
    expect(ranking[1]).toMatchObject({ assessed: 4, onTime: 2 });
    const groups = groupsOf([
      { key: 'x', light: 'green', n: 2 },
      { key: 'y', light: 'red', n: 2 },
      { key: 'x', light: 'red', n: 1 },
    ]);
    expect(groups).toEqual([
      { key: 'x', red: 1, yellow: 0, green: 2, none: 0, total: 3 },
      { key: 'y', red: 2, yellow: 0, green: 0, none: 0, total: 2 },
    ]);
  });
});
