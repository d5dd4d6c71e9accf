import { describe, expect, it } from 'vitest';
import { weekdayCalendar } from './holiday-calendar';
import { computeLight, type LightInput } from './light';

const open = (today: string, deadline: string | null, more: Partial<LightInput> = {}): LightInput => ({
  today,
  deadline,
  acknowledged: true,
  ...more,
});

describe('status light', () => {
  it('is green well before the deadline and says how many working days are left', () => {
    const r = computeLight(open('2024-09-02', '2024-09-30'));
    expect(r).toMatchObject({ light: 'green', workingDaysLeft: 20, deadline: '2024-09-30', estimated: false });
    expect(r.reasons).toEqual(['距完成时限还有20个工作日']);
  });

  it('counts the yellow window in working days across the National Day week (2024)', () => {
    // Deadline Wednesday 10-09. On Friday 9-27 it is 10 calendar days but 4 working days away.
    expect(computeLight(open('2024-09-27', '2024-10-09'))).toMatchObject({ light: 'green', workingDaysLeft: 4 });
    // Sunday 9-29 is a 调休 working day: 9-30, 10-08, 10-09 remain.
    expect(computeLight(open('2024-09-29', '2024-10-09'))).toMatchObject({ light: 'yellow', workingDaysLeft: 3 });
    expect(computeLight(open('2024-10-05', '2024-10-09')).reasons).toEqual(['距完成时限还有2个工作日']);
  });

  it('counts across Spring Festival 2025, with a configurable window', () => {
    expect(computeLight(open('2025-01-24', '2025-02-07'))).toMatchObject({ light: 'green', workingDaysLeft: 5 });
    expect(computeLight(open('2025-01-24', '2025-02-07'), { warnWorkingDays: 5 }).light).toBe('yellow');
    expect(computeLight(open('2025-01-27', '2025-02-07'))).toMatchObject({ light: 'yellow', workingDaysLeft: 3 });
  });

  it('turns red the day after the deadline, counting overdue working days', () => {
    const r = computeLight(open('2024-10-08', '2024-09-30'));
    expect(r).toMatchObject({ light: 'red', workingDaysLeft: -1 });
    expect(r.reasons).toEqual(['已超期1个工作日']);
    // Overdue during the holiday: no working day has passed yet, but it is late.
    expect(computeLight(open('2024-10-03', '2024-09-30')).reasons).toEqual(['已超过完成时限(2024年9月30日)']);
    expect(computeLight(open('2022-10-10', '2022-09-30')).reasons).toEqual(['已超期3个工作日']);
  });

  it('keeps a deadline that falls on a holiday as that calendar date', () => {
    // 2024-10-03 is in the National Day holiday.
    expect(computeLight(open('2024-09-30', '2024-10-03'))).toMatchObject({
      light: 'yellow',
      workingDaysLeft: 0,
      reasons: ['距完成时限(2024年10月3日)已无工作日'],
    });
    expect(computeLight(open('2024-10-03', '2024-10-03')).reasons).toEqual(['今天是完成时限']);
    expect(computeLight(open('2024-10-04', '2024-10-03')).light).toBe('red');
    expect(computeLight(open('2024-10-08', '2024-10-03')).reasons).toEqual(['已超期1个工作日']);
  });

  it('can move a holiday deadline to the next working day (statutory periods)', () => {
    const r = computeLight(open('2024-10-04', '2024-10-03'), { holidayDeadline: 'next-working-day' });
    expect(r).toMatchObject({ light: 'yellow', deadline: '2024-10-08', workingDaysLeft: 1 });
  });

  it('crosses the year boundary', () => {
    // 2022-12-31…2023-01-02 is the 元旦 holiday.
    expect(computeLight(open('2022-12-30', '2023-01-03'))).toMatchObject({ light: 'yellow', workingDaysLeft: 1 });
    expect(computeLight(open('2023-01-03', '2022-12-30'))).toMatchObject({ light: 'red', workingDaysLeft: -1 });
  });
});

describe('extensions', () => {
  it('an approved extension moves the deadline', () => {
    const r = computeLight(open('2024-07-01', '2024-06-28', { extendedDeadline: '2024-07-31' }));
    expect(r).toMatchObject({ light: 'green', deadline: '2024-07-31', workingDaysLeft: 22 });
    expect(r.reasons).toContain('已批准延期至2024年7月31日');
  });

  it('a pending request does not: the item stays assessed on the original date', () => {
    const r = computeLight(open('2024-07-01', '2024-06-28', { extensionPending: true }));
    expect(r).toMatchObject({ light: 'red', deadline: '2024-06-28', workingDaysLeft: -1 });
    expect(r.reasons).toEqual(['已超期1个工作日', '延期申请尚未批准,按原完成时限考核']);
  });

  it('completion is judged against the approved deadline', () => {
    expect(computeLight(open('2024-07-20', '2024-06-28', { extendedDeadline: '2024-07-31', completedAt: '2024-07-15' }))).toMatchObject({
      light: 'none',
      onTime: true,
      reasons: ['已办结'],
    });
  });
});

describe('other yellow conditions', () => {
  it('not acknowledged in time', () => {
    const late = computeLight(open('2024-05-07', '2024-06-28', { acknowledged: false, acknowledgeBy: '2024-05-06' }));
    expect(late.light).toBe('yellow');
    expect(late.reasons).toContain('未按时签收');
    expect(computeLight(open('2024-05-06', '2024-06-28', { acknowledged: false, acknowledgeBy: '2024-05-06' })).light).toBe('green');
    expect(computeLight(open('2024-05-07', '2024-06-28', { acknowledged: true, acknowledgeBy: '2024-05-06' })).light).toBe('green');
  });

  it('a progress report overdue', () => {
    const r = computeLight(open('2024-05-11', '2024-06-28', { nextReportDue: '2024-05-10' }));
    expect(r.light).toBe('yellow');
    expect(r.reasons).toContain('进展反馈逾期');
  });

  it('red wins, and every reason is listed', () => {
    const r = computeLight(open('2024-07-02', '2024-06-28', { nextReportDue: '2024-06-21', acknowledged: false, acknowledgeBy: '2024-05-06' }));
    expect(r.light).toBe('red');
    expect(r.reasons).toEqual(['已超期2个工作日', '未按时签收', '进展反馈逾期']);
  });

  it('without a deadline only the other conditions count', () => {
    expect(computeLight(open('2024-07-02', null))).toMatchObject({ light: 'green', workingDaysLeft: null, reasons: ['未设完成时限'] });
  });
});

describe('completed items', () => {
  it('have no light and record whether they were on time', () => {
    expect(computeLight(open('2024-07-10', '2024-06-28', { completedAt: '2024-06-28' }))).toMatchObject({ light: 'none', onTime: true });
    const late = computeLight(open('2024-07-10', '2024-06-28', { completedAt: '2024-07-03' }));
    expect(late).toMatchObject({ light: 'none', onTime: false, workingDaysLeft: null });
    expect(late.reasons).toEqual(['已办结', '超期3个工作日办结']);
  });
});

describe('calendar coverage', () => {
  it('flags an estimate when the deadline is in a year without official data', () => {
    const r = computeLight(open('2026-12-01', '2027-01-15'));
    expect(r.estimated).toBe(true);
    expect(r.reasons.at(-1)).toBe('2027年节假日安排尚未收录,工作日按周一至周五估算');
    expect(r.workingDaysLeft).toBe(33);
  });

  it('takes an injected calendar', () => {
    expect(computeLight(open('2024-02-09', '2024-02-14'), { calendar: weekdayCalendar }).workingDaysLeft).toBe(3);
    expect(computeLight(open('2024-02-09', '2024-02-14')).workingDaysLeft).toBe(0);
  });
});
