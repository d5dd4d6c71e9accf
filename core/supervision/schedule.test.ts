import { describe, expect, it } from 'vitest';
import { escalationOf, itemLight } from './item-light';
import type { Milestone } from './model';
import { autoReminders } from './reminders';
import { scheduleOf } from './schedule';
import { EventLog, GXJ, SPJ, SUPERVISOR } from './testing/log';

/** Beijing 09:00 on a date, as an event timestamp. */
const at = (date: string) => `${date}T01:00:00.000Z`;
const MILESTONES: Milestone[] = [
  { id: 'm1', title: '完成平台招标', date: '2022-07-15', phrase: '7月15日前' },
  { id: 'm2', title: '上线试运行', date: '2022-09-30', phrase: '9月底前' },
];

function assignedOn(date: string, days = 2) {
  const log = new EventLog();
  log.act(
    'assign',
    SUPERVISOR,
    {
      assignments: [
        { unit: '市审批管理局', role: 'lead' },
        { unit: '市工信局(大数据局)', role: 'responsible' },
        { unit: '市直各部门', role: 'cooperating' },
      ],
      acknowledgeDays: days,
      reportCycle: { kind: 'monthly', day: 25 },
    },
    { at: at(date) },
  );
  return log;
}

describe('scheduleOf: dates in working days', () => {
  it('the 签收 limit counts working days across National Day and its 调休 Saturday', () => {
    // 2022-09-29 (Thu) + 2 working days: 09-30, then 10-01…10-07 off, 10-08 (Sat) a 调休 working day.
    const s = scheduleOf(assignedOn('2022-09-29').state, { deadline: null, milestones: [] });
    expect(s.units.map((u) => [u.unit, u.acknowledgeBy])).toEqual([
      ['市审批管理局', '2022-10-08'],
      ['市工信局(大数据局)', '2022-10-08'],
      ['市直各部门', null], // a group signs nothing
    ]);
    expect(s.acknowledgeBy).toBe('2022-10-08');
  });

  it('the next report follows the cycle from the last report; a cycle day on a weekend is due the next working day', () => {
    const log = assignedOn('2022-06-20');
    let s = scheduleOf(log.state, { deadline: '2022-12-31', milestones: [] });
    expect(s.units[0]?.nextReportDue).toBe('2022-06-27'); // 06-25 is a Saturday
    log.act('report', SPJ, { unit: '市审批管理局', text: '进展', percent: 20 }, { at: at('2022-06-28') });
    s = scheduleOf(log.state, { deadline: '2022-12-31', milestones: [] });
    expect(s.units[0]?.nextReportDue).toBe('2022-07-25');
    expect(s.units[0]?.acknowledgeBy).toBeNull(); // the report counts as 签收
    expect(s.nextReportDue).toBe('2022-06-27'); // 市工信局 has not reported
  });

  it('milestones: the earliest not reached; a returned report does not reach it', () => {
    const log = assignedOn('2022-06-20');
    const report = log.act('report', SPJ, { unit: '市审批管理局', text: '招标完成', percent: 30, milestones: ['m1'] });
    expect(scheduleOf(log.state, { deadline: null, milestones: MILESTONES }).milestoneDue?.id).toBe('m2');
    log.act('report_return', SUPERVISOR, { reportId: report.id, opinion: '招标未完成' });
    expect(scheduleOf(log.state, { deadline: null, milestones: MILESTONES }).milestoneDue).toEqual({
      id: 'm1',
      title: '完成平台招标',
      date: '2022-07-15',
    });
  });

  it('only an approved extension moves the deadline assessed; completion is dated by the accepted request', () => {
    const log = assignedOn('2022-06-20');
    const request = log.act('extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-09-30', reason: '联调' });
    let s = scheduleOf(log.state, { deadline: '2022-06-30', milestones: [] });
    expect([s.assessedDeadline, s.extensionPending]).toEqual(['2022-06-30', true]);
    const light = itemLight(s, '2022-07-05');
    expect(light.light).toBe('red');
    expect(light.reasons).toEqual(expect.arrayContaining(['已超期3个工作日', '延期申请尚未批准,按原完成时限考核']));

    log.act('extension_decision', SUPERVISOR, { requestId: request.id, approve: true });
    const done = log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '完成' }, { at: at('2022-09-29') });
    log.act('completion_review', SUPERVISOR, { requestId: done.id, accept: true }, { at: at('2022-10-10') });
    s = scheduleOf(log.state, { deadline: '2022-06-30', milestones: [] });
    expect([s.assessedDeadline, s.completedAt]).toEqual(['2022-09-30', '2022-09-29']);
    expect(itemLight(s, '2022-10-12')).toMatchObject({ light: 'none', onTime: true });
  });
});

describe('itemLight and escalation', () => {
  const base = {
    deadline: '2022-07-29',
    extendedDeadline: null,
    extensionPending: false,
    acknowledgeBy: null,
    nextReportDue: null,
    milestoneDue: null,
    completedAt: null,
  };

  it('a passed milestone makes an on-track item yellow, with its name', () => {
    const light = itemLight({ ...base, milestoneDue: { id: 'm1', title: '完成平台招标', date: '2022-07-01' } }, '2022-07-05');
    expect(light.light).toBe('yellow');
    expect(light.reasons).toContain('节点目标逾期:完成平台招标(2022年7月1日)');
  });

  it('blue when the deadline approaches, yellow when behind, red when overdue', () => {
    expect(escalationOf(base, '2022-07-05')).toBeNull();
    expect(escalationOf(base, '2022-07-26')).toBe('blue'); // 3 working days left
    expect(escalationOf({ ...base, nextReportDue: '2022-07-25' }, '2022-07-26')).toBe('yellow');
    expect(escalationOf(base, '2022-08-01')).toBe('red');
    expect(escalationOf({ ...base, completedAt: '2022-07-20' }, '2022-08-01')).toBeNull();
  });
});

describe('autoReminders', () => {
  it('have the same keys on every day the condition lasts, and vanish when it is resolved', () => {
    const log = assignedOn('2022-06-20');
    const fields = { deadline: '2022-06-30', milestones: [] };
    const keys = (today: string) => autoReminders('item-1', log.state, scheduleOf(log.state, fields), today).map((r) => r.key).sort();
    expect(keys('2022-06-21')).toEqual([]);
    expect(keys('2022-06-27')).toEqual(['item-1:ack:市审批管理局:2022-06-22', 'item-1:ack:市工信局(大数据局):2022-06-22', 'item-1:due-soon:2022-06-30']);
    expect(keys('2022-07-05')).toEqual(keys('2022-07-06'));
    expect(keys('2022-07-05')).toContain('item-1:overdue:2022-06-30');
    log.act('acknowledge', GXJ, { unit: '市工信局(大数据局)' });
    expect(keys('2022-07-05')).not.toContain('item-1:ack:市工信局(大数据局):2022-06-22');
  });
});
