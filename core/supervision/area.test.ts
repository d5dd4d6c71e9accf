import { describe, expect, it } from 'vitest';
import type { RecordView } from '../kernel/area';
import { CREATE, EDIT } from '../kernel/event';
import { allowedTypes, reduceRecord } from '../kernel/reduce';
import { supervisionArea, supervisionCan } from './area';
import { EVENT_TYPES } from './events';
import type { SupervisionFields } from './model';
import { supervisionFieldsOf } from './projection';
import type { SupervisionWork } from './state';
import { ADMIN, EventLog, GXJ, LEADER, SPJ, STANDARD_ASSIGNMENT, SUPERVISOR, XXZX } from './testing/log';

const EVERYONE = [SUPERVISOR, LEADER, ADMIN, SPJ, GXJ, XXZX];

function view(log: EventLog, fields: Partial<SupervisionFields> = {}): RecordView<SupervisionWork, SupervisionFields> {
  const f = supervisionFieldsOf({ kind: 'supervision', title: '推行掌上办公', code: '一(一)1', createdAt: '2022-06-01T00:00:00.000Z', deadline: '2022-06-30', ...fields });
  return { id: 'item-1', kind: 'supervision', fields: f, body: '正文', reduced: reduceRecord(supervisionArea, log.events), createdAt: f.createdAt, updatedAt: f.createdAt };
}

describe('the 督办 area', () => {
  it('can(): 立项 and editing are the 督查室’s (and administrators’); the deadline moves only by 延期 once 交办', () => {
    const draft = reduceRecord(supervisionArea, []).state;
    expect(EVERYONE.filter((a) => supervisionCan(a, { type: CREATE }, draft) === null)).toEqual([SUPERVISOR, ADMIN]);
    expect(EVERYONE.filter((a) => supervisionCan(a, { type: EDIT, payload: { fields: ['title'], values: {} } }, draft) === null)).toEqual([SUPERVISOR, ADMIN]);
    const log = new EventLog();
    log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT);
    const assigned = reduceRecord(supervisionArea, log.events).state;
    expect(supervisionCan(SUPERVISOR, { type: EDIT, payload: { fields: ['progressNote'], values: {} } }, assigned)).toBeNull();
    expect(supervisionCan(SUPERVISOR, { type: EDIT, payload: { fields: ['deadline', 'deadlinePhrase'], values: {} } }, assigned)).toBe('已交办事项的完成时限不能在编辑中修改:未设时限的请用“设定时限”,已有时限的须经延期审批');
    expect(supervisionCan(SPJ, { type: 'no_such_action' }, assigned)).toBe('未知的操作');
  });

  it('can() answers for every event type as the reducer’s permission rule does (allowedTypes = what the buttons may offer)', () => {
    const log = new EventLog();
    log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT);
    const state = reduceRecord(supervisionArea, log.events).state;
    const allowed = Object.fromEntries(EVERYONE.map((a) => [a.login, allowedTypes(supervisionArea, a, state)]));
    expect(allowed).toEqual({
      'dcs.lin': ['assign', 'report_return', 'urge', 'set_deadline', 'extension_decision', 'completion_review', 'close', 'evaluate'],
      'leader.wang': ['urge'],
      admin: [],
      'spj.zhang': ['acknowledge', 'report', 'urge_read', 'extension_request', 'completion_request'],
      'gxj.chen': ['acknowledge', 'report', 'urge_read'],
      'xxzx.liu': [],
    });
    expect(Object.keys(supervisionArea.events).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('access: the assigned units (from events only); 待办 with urgency, notices with the pre-kernel keys, deadlines with their rule', () => {
    const log = new EventLog();
    const assign = log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT, { at: '2022-06-20T01:00:00.000Z' });
    const urge = log.act('urge', SUPERVISOR, { units: ['市审批管理局'], level: 'red', text: '请加快' }, { at: '2022-06-21T01:00:00.000Z' });
    const v = view(log);
    expect(supervisionArea.access!(v.reduced.state)).toEqual(['市审批管理局', '市工信局(大数据局)', '市直各部门']);
    const todos = supervisionArea.todos!(v);
    expect(todos.find((t) => t.kind === 'urge')).toMatchObject({ audience: 'unit:市审批管理局', label: '红色督查单待回复', urgency: 3, ref: urge.id });
    expect(todos.find((t) => t.kind === 'acknowledge')).toMatchObject({ audience: 'unit:市审批管理局', urgency: 1, since: '2022-06-20' });
    expect(supervisionArea.notifications!(v).map((n) => [n.kind, n.key, n.audience])).toEqual([
      ['assignment', 'assign:item-1:市审批管理局:2022-06-20', 'unit:市审批管理局'],
      ['assignment', 'assign:item-1:市工信局(大数据局):2022-06-20', 'unit:市工信局(大数据局)'],
      ['urge', `urge:${urge.id}:市审批管理局`, 'unit:市审批管理局'],
    ]);
    expect(supervisionArea.deadlines!(v)).toEqual([{ name: '完成时限', due: '2022-06-30', rule: '交办时确定的完成时限', done: false, estimated: false }]);
    expect(supervisionArea.search(v)).toEqual({
      title: '一(一)1 推行掌上办公',
      body: '正文',
      notes: [
        '承办单位:市审批管理局、市工信局(大数据局)、大数据局、市工信局、市工业和信息化局、市大数据局、市大数据管理局、市直各部门',
        '经办人:张敏、陈志强、林督查',
        '督查单:请加快',
      ].join('\n'),
    });
    expect(assign.id).toBeTruthy();
  });

  it('a 立项 has a row of its own, no 待办 and no deadlines', () => {
    const v = view(new EventLog(), { level: 'project' });
    const rows = supervisionArea.projection!.rows(v);
    expect(rows.supervision).toEqual([]);
    expect(rows.supervision_projects).toEqual([expect.objectContaining({ id: 'item-1', title: '推行掌上办公' })]);
    expect(supervisionArea.todos!(v)).toEqual([]);
    expect(supervisionArea.deadlines!(v)).toEqual([]);
  });
});
