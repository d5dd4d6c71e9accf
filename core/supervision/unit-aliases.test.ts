import { describe, expect, it } from 'vitest';
import { availableActions } from './actions';
import { rowOf } from './projection';
import { scheduleOf } from './schedule';
import { EventLog, GXJ, SUPERVISOR } from './testing/log';
import { todosOf } from './todo';
import type { SupervisionFields } from './model';

/** Issue 10, point 7: 市工信局 (seed 二(二)) and 市工信局(大数据局) are one unit. */
const FIELDS: SupervisionFields = {
  kind: 'supervision',
  level: 'task',
  parentId: null,
  code: '二(二)1',
  title: '推进制造业数字化转型',
  section: '二、发展融合融通的数字经济',
  subsection: '(二)加快产业数字化转型',
  order: 1,
  lead: [],
  responsible: ['市工信局', '火炬管委会'],
  deadline: null,
  deadlinePhrase: '',
  milestones: [],
  progressNote: '',
  sourceId: null,
  sourceKind: null,
  sourceLabel: '',
  createdAt: '2022-06-01T00:00:00.000Z',
  updatedAt: '2022-06-01T00:00:00.000Z',
};

describe('a unit named by another of its names', () => {
  const assigned = () => {
    const log = new EventLog();
    log.act('assign', SUPERVISOR, { assignments: [{ unit: '市工信局', role: 'responsible' }, { unit: '火炬管委会', role: 'responsible' }] });
    return log;
  };

  it('lets the unit’s contact sign, report and read notices for it', () => {
    const log = assigned();
    expect(availableActions(log.state, GXJ)).toEqual(expect.arrayContaining(['acknowledge', 'report']));
    const ack = log.act('acknowledge', GXJ, { unit: GXJ.unit });
    expect(log.entry(ack)?.applied).toBe(true);
    expect(log.state.assignments[0]?.acknowledged?.by.login).toBe(GXJ.login);
    const urge = log.act('urge', SUPERVISOR, { units: ['市工信局'], level: 'red', text: '请于本周内报送' });
    const read = log.act('urge_read', GXJ, { urgeId: urge.id, unit: GXJ.unit });
    expect(log.entry(read)?.applied).toBe(true);
    expect(Object.keys(log.state.urges[0]?.reads ?? {})).toEqual(['市工信局']);
  });

  it('files the item and its 待办 under the directory’s name', () => {
    const log = assigned();
    const state = log.state;
    const schedule = scheduleOf(state, { deadline: null, milestones: [] });
    const row = rowOf('x', { fields: FIELDS, state, schedule, body: '' });
    expect(row.responsible).toEqual(['市工信局(大数据局)', '火炬管委会']);
    const audiences = todosOf(state, schedule, '2022-06-01').map((t) => t.audience);
    expect(audiences).toContain('unit:市工信局(大数据局)');
    expect(audiences).not.toContain('unit:市工信局');
  });
});
