import { describe, expect, it } from 'vitest';
import { scheduleOf } from './schedule';
import { EventLog, SPJ, SUPERVISOR } from './testing/log';
import { todosOf } from './todo';

const at = (date: string) => `${date}T01:00:00.000Z`;
const todos = (log: EventLog, deadline: string | null = '2022-06-30') =>
  todosOf(log.state, scheduleOf(log.state, { deadline, milestones: [] }), '2022-06-01').map((t) => [t.audience, t.kind, t.since, t.due]);

describe('todosOf: who an item is waiting for', () => {
  it('follows the lifecycle', () => {
    const log = new EventLog();
    expect(todos(log)).toEqual([['role:supervisor', 'assign', '2022-06-01', null]]);

    log.act('assign', SUPERVISOR, { assignments: [{ unit: '市审批管理局', role: 'lead' }, { unit: '市直各部门', role: 'responsible' }] }, { at: at('2022-06-20') });
    expect(todos(log)).toEqual([
      ['role:supervisor', 'overdue', '2022-07-01', '2022-06-30'],
      ['role:leader', 'overdue', '2022-07-01', '2022-06-30'],
      ['unit:市审批管理局', 'acknowledge', '2022-06-20', '2022-06-22'],
      // shown 5 working days before the report is due (06-25 is a Saturday: due 06-27)
      ['unit:市审批管理局', 'report', '2022-06-20', '2022-06-27'],
    ]);

    const report = log.act('report', SPJ, { unit: '市审批管理局', text: '进展', percent: 10 }, { at: at('2022-06-21') });
    log.act('report_return', SUPERVISOR, { reportId: report.id, opinion: '请补充' }, { at: at('2022-06-22') });
    const urge = log.act('urge', SUPERVISOR, { units: ['市审批管理局'], level: 'yellow', text: '请报送' }, { at: at('2022-06-23') });
    const unitTodos = todos(log).filter(([a]) => a === 'unit:市审批管理局').map(([, kind]) => kind);
    expect(unitTodos).toEqual(['report', 'report_returned', 'urge']);

    log.act('urge_read', SPJ, { urgeId: urge.id, unit: '市审批管理局' });
    const request = log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '完成' }, { at: at('2022-06-28') });
    expect(todos(log).map(([a, k]) => `${a} ${k}`)).toEqual([
      'role:supervisor review',
      'role:supervisor overdue',
      'role:leader overdue',
      'unit:市审批管理局 report_returned',
    ]);

    log.act('completion_review', SUPERVISOR, { requestId: request.id, accept: false, opinion: '材料不全' }, { at: at('2022-06-29') });
    expect(todos(log).map(([a, k]) => `${a} ${k}`)).toContain('unit:市审批管理局 completion_returned');

    const again = log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '已补充' }, { at: at('2022-06-29') });
    log.act('completion_review', SUPERVISOR, { requestId: again.id, accept: true }, { at: at('2022-06-30') });
    expect(todos(log)).toEqual([
      ['role:supervisor', 'close', '2022-06-29', null],
      ['role:supervisor', 'evaluate', '2022-06-29', null],
    ]);
    log.act('close', SUPERVISOR, {});
    log.act('evaluate', SUPERVISOR, { unit: '市审批管理局', score: 88 });
    expect(todos(log)).toEqual([]);
  });
});
