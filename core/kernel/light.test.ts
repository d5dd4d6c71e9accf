import { describe, expect, it } from 'vitest';
import type { DeadlineItem } from './area';
import { computeDeadline, deadlineItem } from './deadline';
import { lightSql, lightSqlSpec, recordLight } from './light';

const final = (due: string, done = false, name = '完成时限'): DeadlineItem => ({ name, due, rule: '交办后3个月', done, estimated: false });
const step = (due: string, name: string, done = false): DeadlineItem => ({ name, due, rule: '交办后3个工作日内', done, estimated: false, step: true });

describe('recordLight: the light from deadline items and today', () => {
  it.each([
    // 国庆 2024: 09-29 (Sunday) and 10-12 (Saturday) are working days, 10-01…10-07 are off.
    ['green: 8 working days left (09-23…27, 09-29, 09-30, 10-08)', '2024-09-20', [final('2024-10-08')], 'green', 8],
    ['yellow: 1 working day left across 国庆', '2024-09-30', [final('2024-10-08')], 'yellow', 1],
    ['yellow: due on a holiday kept as the date, no working day left', '2024-09-30', [final('2024-10-01')], 'yellow', 0],
    ['yellow: due today', '2024-10-08', [final('2024-10-08')], 'yellow', 0],
    ['red: one working day past', '2024-10-09', [final('2024-10-08')], 'red', -1],
    ['red: past on a day off (no working day yet)', '2024-10-02', [final('2024-10-01')], 'red', 0],
    ['green: no deadline', '2024-10-09', [], 'green', null],
    ['yellow: a missed step (签收) makes it yellow, not red', '2024-10-09', [final('2024-12-31'), step('2024-10-08', '签收')], 'yellow', 60],
    ['green: a step done is not missed', '2024-10-09', [final('2024-12-31'), step('2024-10-08', '签收', true)], 'green', 60],
    ['red stays red with a missed step', '2024-10-09', [final('2024-10-08'), step('2024-10-08', '进展反馈')], 'red', -1],
    ['none: every final deadline done', '2024-10-09', [final('2024-10-08', true), step('2024-10-01', '签收')], 'none', null],
    ['the earliest open final deadline is assessed (信访 受理 before 办理)', '2024-02-19', [final('2024-02-18', false, '受理期限'), final('2024-04-18', false, '办理期限')], 'red', -1],
    ['a done final deadline is not assessed', '2024-02-19', [final('2024-02-18', true, '受理期限'), final('2024-04-18', false, '办理期限')], 'green', 42],
  ] as const)('%s', (_what, today, items, light, left) => {
    const got = recordLight(items, today);
    expect(got.light).toBe(light);
    expect(got.workingDaysLeft).toBe(left);
  });

  it('closed records have no light, even without a deadline', () => {
    expect(recordLight([], '2024-10-09', { closed: true })).toMatchObject({ light: 'none', reasons: ['已办结'] });
  });

  it('says why, in Chinese, with the rule that produced the date', () => {
    const d = computeDeadline({ start: '2024-08-02', rule: { from: '受理之日起', period: { unit: 'days', n: 60 }, holiday: 'next-working-day' } });
    const items = [deadlineItem('办理期限', d, false), step('2024-10-08', '进展反馈')];
    expect(recordLight(items, '2024-10-09').reasons).toEqual([
      '办理期限已超期1个工作日',
      `办理期限2024年10月8日:${d.rule}`,
      '进展反馈逾期(2024年10月8日)',
    ]);
    expect(recordLight(items, '2024-09-30').reasons[0]).toBe('距办理期限还有1个工作日');
    expect(recordLight([final('2024-10-01')], '2024-09-30').reasons[0]).toBe('距完成时限(2024年10月1日)已无工作日');
    expect(recordLight([], '2024-09-30').reasons).toEqual(['未设完成时限']);
  });

  it('the warning window is an option (督办设置)', () => {
    expect(recordLight([final('2024-10-08')], '2024-09-30', { warnWorkingDays: 0 }).light).toBe('green');
    expect(recordLight([final('2024-10-11')], '2024-09-30', { warnWorkingDays: 5 }).light).toBe('yellow');
  });

  it('beyond the holiday data the count is an estimate, and says so', () => {
    const got = recordLight([final('2027-01-08')], '2026-12-28');
    expect(got).toMatchObject({ light: 'green', workingDaysLeft: 9, estimated: true });
    expect(got.reasons.at(-1)).toBe('2027年节假日安排尚未收录,工作日按周一至周五估算');
    const fromEngine = recordLight([{ ...final('2026-12-31'), estimated: true }], '2026-12-01');
    expect(fromEngine.estimated).toBe(true);
  });

  it('refuses a today that is not a date', () => {
    expect(() => recordLight([], '2024-13-01')).toThrow(/日期无效/);
  });
});

describe('lightSqlSpec: the thresholds of the SQL form', () => {
  it('warnBefore is the first day more than N working days away (国庆 2024)', () => {
    // From Friday 09-27: 09-29 (调休), 09-30, 10-08 are 3 working days; the 4th is 10-09.
    expect(lightSqlSpec('2024-09-27')).toEqual({ today: '2024-09-27', warnBefore: '2024-10-09' });
    expect(lightSqlSpec('2024-09-27', { warnWorkingDays: 0 })).toEqual({ today: '2024-09-27', warnBefore: '2024-09-29' });
    expect(recordLight([final('2024-10-08')], '2024-09-27').light).toBe('yellow');
    expect(recordLight([final('2024-10-09')], '2024-09-27').light).toBe('green');
  });

  it('lightSql writes the rule with the dates as checked literals', () => {
    const sql = lightSql({ closed: 'r.done = 1', due: 'r.due', steps: ['r.ack', 'r.report'] }, lightSqlSpec('2024-09-27'));
    expect(sql).toBe(
      "CASE WHEN r.done = 1 THEN 'none' WHEN r.due < '2024-09-27' THEN 'red' WHEN r.due < '2024-10-09' OR r.ack < '2024-09-27' OR r.report < '2024-09-27' THEN 'yellow' ELSE 'green' END",
    );
    expect(() => lightSql({ closed: '0', due: 'd', steps: [] }, { today: "2024-01-01' OR 1=1 --", warnBefore: '2024-01-02' })).toThrow(/not a date/);
  });
});
