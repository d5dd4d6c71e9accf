import { describe, expect, it } from 'vitest';
import { recordLight } from '../kernel/light';
import { proposalDeadlines, REDO_PUSH, REDO_REPLY, REPLY, SATISFACTION } from './deadlines';
import { ASSIGN, ProposalLog, SIGNED } from './testing/events';

/**
 * Deadline boundaries of 提案建议 on the official calendar, worked out by hand: months end on the
 * corresponding day or the month's last day (民法典第二百零一条), working days skip 春节 and count
 * its 调休 weekends; an approved extension adds at most 3 months to the deadline it extends.
 */
const assignedOn = (on: string, terms?: Record<string, unknown>) => {
  const log = new ProposalLog('2022-01-10');
  log.add('office', 'assign', { ...ASSIGN, ...(terms ? { terms } : {}) }, on);
  return log;
};
const item = (log: ProposalLog, name: string) => proposalDeadlines(log.state()).find((i) => i.name === name);
const extend = (log: ProposalLog, on: string, until: string | null) => {
  log.add('lead', 'extend_request', { reason: '需要跨部门协调', until }, on);
  log.add('office', 'extend_decide', { granted: true, until, notified: '已电话告知领衔人' }, on);
};

describe('提案建议 deadlines', () => {
  it('3 months from 11-30 ends on the last day of February (and 02-29 in a leap year)', () => {
    expect(item(assignedOn('2022-11-30'), REPLY)).toMatchObject({ due: '2023-02-28', rule: '交办后3个月', done: false });
    expect(item(assignedOn('2023-11-30'), REPLY)).toMatchObject({ due: '2024-02-29', rule: '交办后3个月' });
  });

  it('3 months from 01-31 ends on 04-30', () => {
    expect(item(assignedOn('2024-01-31'), REPLY)).toMatchObject({ due: '2024-04-30', rule: '交办后3个月' });
  });

  it('counts from the Beijing date of the 交办: 11-30 16:30 UTC is 12-01 in Beijing', () => {
    const log = new ProposalLog('2024-11-01');
    const e = log.make('office', 'assign', ASSIGN, '2024-11-30');
    log.events.push({ ...e, at: '2024-11-30T16:30:00.000Z' });
    expect(item(log, REPLY)).toMatchObject({ due: '2025-03-01' });
  });

  it('adds at most 3 months after an approved extension, with the rule shown', () => {
    const whole = assignedOn('2023-11-30');
    extend(whole, '2024-02-01', null);
    expect(item(whole, REPLY)).toMatchObject({ due: '2024-05-29', rule: '延期批准后延长3个月' });
    const dated = assignedOn('2024-01-31');
    extend(dated, '2024-04-01', '2024-06-15');
    expect(item(dated, REPLY)).toMatchObject({ due: '2024-06-15', rule: '延期批准后延至2024年6月15日' });
    const capped = assignedOn('2024-01-31');
    extend(capped, '2024-04-01', '2024-09-30');
    expect(item(capped, REPLY)).toMatchObject({ due: '2024-07-30', rule: '延期批准后延至2024年7月30日(最多延长3个月)' });
  });

  it('keeps a refused extension out of the deadline', () => {
    const log = assignedOn('2024-01-31');
    log.add('lead', 'extend_request', { reason: '需要跨部门协调' }, '2024-04-01');
    log.add('office', 'extend_decide', { granted: false, note: '不予延期' }, '2024-04-02');
    expect(item(log, REPLY)).toMatchObject({ due: '2024-04-30', rule: '交办后3个月' });
  });

  it('gives 协办 units 2 months for their opinion, as a step (a missed one turns the light yellow, not red)', () => {
    const log = assignedOn('2023-12-31');
    const opinion = item(log, '市卫健委协办意见期限');
    expect(opinion).toMatchObject({ due: '2024-02-29', rule: '交办后2个月', step: true, done: false });
    expect(recordLight(proposalDeadlines(log.state()), '2024-03-01').light).toBe('yellow');
    log.add('helper', 'opinion', { text: '同意主办单位意见' }, '2024-02-20');
    expect(item(log, '市卫健委协办意见期限')?.done).toBe(true);
  });

  it('counts the 满意度 15 working days across 春节 2025 (调休 Sunday 01-26 and Saturday 02-08 count)', () => {
    const log = assignedOn('2024-11-25');
    log.add('lead', 'link_reply', { documentId: 'doc-1' }, '2025-01-20');
    log.add('leadChief', 'reply', SIGNED, '2025-01-24');
    // 01-26, 01-27, (01-28…02-04 off) 02-05, 06, 07, 08, 10, 11, 12, 13, 14, 17, 18, 19, 20
    expect(item(log, SATISFACTION)).toMatchObject({ due: '2025-02-20', rule: '答复后15个工作日内', done: false });
    expect(item(log, REPLY)?.done).toBe(true);
  });

  it('after 不满意: the push within 5 working days across 春节 2024, then 1 month for the second reply', () => {
    const log = assignedOn('2023-10-20');
    log.add('lead', 'link_reply', { documentId: 'doc-1' }, '2024-01-10');
    log.add('leadChief', 'reply', SIGNED, '2024-01-15');
    log.add('office', 'satisfaction', { level: '不满意', date: '2024-02-08' }, '2024-02-08');
    // 02-09, (02-10…02-17 off) 02-18 (调休 Sunday), 02-19, 02-20, 02-21
    expect(item(log, REDO_PUSH)).toMatchObject({ due: '2024-02-21', rule: '反馈不满意后5个工作日内', done: false });
    log.add('office', 'redo', { note: '请重新办理' }, '2024-02-19');
    expect(item(log, REDO_PUSH)?.done).toBe(true);
    expect(item(log, REDO_REPLY)).toMatchObject({ due: '2024-03-19', rule: '重新办理交办后1个月', done: false });
  });

  it('restarts the reply deadline from a granted 调整 (调整后重新交办后3个月)', () => {
    const log = assignedOn('2024-01-22');
    const req = log.add('lead', 'adjust_request', { reason: '不属本单位职责' }, '2024-01-25');
    log.add('office', 'adjust_decide', { request: req.id, granted: true, lead: '市卫健委', helpers: [] }, '2024-01-29');
    expect(item(log, REPLY)).toMatchObject({ due: '2024-04-29', rule: '调整后重新交办后3个月' });
  });

  it('uses the terms the 交办 carried: a 2-month reply limit set by the office', () => {
    expect(item(assignedOn('2024-01-31', { replyMonths: 2 }), REPLY)).toMatchObject({ due: '2024-03-31', rule: '交办后2个月' });
  });
});
