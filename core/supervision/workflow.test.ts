import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import type { EventType, PayloadInput } from './events';
import { availableActions } from './actions';
import { UNIT_ACTIONS } from './permissions';
import { progressOf } from './schedule';
import type { SupervisionState } from './state';
import { ADMIN, EventLog, GXJ, LEADER, makeEvent, SPJ, STANDARD_ASSIGNMENT, SUPERVISOR, SUPERVISOR_2, XXZX } from './testing/log';
import { reduceSupervision } from './workflow';

const EVERYONE: Actor[] = [SUPERVISOR, LEADER, ADMIN, SPJ, GXJ, XXZX];

interface Case<T extends EventType = EventType> {
  type: T;
  /** Brings the log to a state where the action is allowed; returns its payload. */
  setup: (log: EventLog) => PayloadInput<T>;
  allowed: Actor[];
  /** What the applied event changed. */
  effect: (state: SupervisionState) => void;
}

const assigned = (log: EventLog) => log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT);
const reported = (log: EventLog) => {
  assigned(log);
  return log.act('report', SPJ, { unit: '市审批管理局', text: '已完成需求调研', percent: 30 });
};
const requested = (log: EventLog) => {
  assigned(log);
  return log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '平台已上线运行' });
};
const accepted = (log: EventLog) => {
  const request = requested(log);
  log.act('completion_review', SUPERVISOR, { requestId: request.id, accept: true, opinion: '同意办结' });
};

const CASES: Case[] = [
  {
    type: 'assign',
    setup: () => STANDARD_ASSIGNMENT,
    allowed: [SUPERVISOR],
    effect: (s) => {
      expect(s.phase).toBe('in_progress');
      expect(s.assignments.map((a) => [a.unit, a.role, a.group])).toEqual([
        ['市审批管理局', 'lead', false],
        ['市工信局(大数据局)', 'responsible', false],
        ['市直各部门', 'cooperating', true],
      ]);
    },
  },
  {
    type: 'acknowledge',
    setup: (log) => (assigned(log), { unit: '市审批管理局' }),
    allowed: [SPJ],
    effect: (s) => expect(s.assignments[0]?.acknowledged?.by.login).toBe(SPJ.login),
  },
  {
    type: 'report',
    setup: (log) => (assigned(log), { unit: '市审批管理局', text: '完成招标', percent: 40, attachments: ['招标文件.pdf'] }),
    allowed: [SPJ],
    effect: (s) => {
      expect(s.assignments[0]?.percent).toBe(40);
      expect(s.assignments[0]?.acknowledged).not.toBeNull(); // a report counts as 签收
      expect(progressOf(s)).toBe(40);
    },
  },
  {
    type: 'report_return',
    setup: (log) => ({ reportId: reported(log).id, opinion: '请补充资金到位情况' }),
    allowed: [SUPERVISOR],
    effect: (s) => {
      expect(s.reports[0]?.returned?.opinion).toBe('请补充资金到位情况');
      expect(s.assignments[0]?.percent).toBe(0);
    },
  },
  {
    type: 'urge',
    setup: (log) => (assigned(log), { units: ['市审批管理局'], level: 'yellow', text: '请抓紧报送进展' }),
    allowed: [SUPERVISOR, LEADER],
    effect: (s) => expect(s.urges[0]?.units).toEqual(['市审批管理局']),
  },
  {
    type: 'urge_read',
    setup: (log) => {
      assigned(log);
      const urge = log.act('urge', SUPERVISOR, { units: ['市审批管理局'], level: 'blue', text: '请按期完成' });
      return { urgeId: urge.id, unit: '市审批管理局' };
    },
    allowed: [SPJ],
    effect: (s) => expect(s.urges[0]?.reads['市审批管理局']?.by.login).toBe(SPJ.login),
  },
  {
    type: 'set_deadline',
    setup: (log) => (assigned(log), { deadline: '2022-09-30', note: '按市领导批示,三季度末完成' }),
    allowed: [SUPERVISOR],
    effect: (s) => {
      expect(s.deadlineSet).toMatchObject({ deadline: '2022-09-30', note: '按市领导批示,三季度末完成' });
      expect(s.extendedDeadline).toBeNull(); // the first deadline is not an extension
    },
  },
  {
    type: 'extension_request',
    setup: (log) => (assigned(log), { unit: '市审批管理局', deadline: '2022-09-30', reason: '系统联调需延长' }),
    allowed: [SPJ],
    effect: (s) => {
      expect(s.extensions[0]?.decision).toBeNull();
      expect(s.extendedDeadline).toBeNull(); // a request alone never moves the deadline
    },
  },
  {
    type: 'extension_decision',
    setup: (log) => {
      assigned(log);
      const r = log.act('extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-09-30', reason: '联调' });
      return { requestId: r.id, approve: true };
    },
    allowed: [SUPERVISOR],
    effect: (s) => expect(s.extendedDeadline).toBe('2022-09-30'),
  },
  {
    type: 'completion_request',
    setup: (log) => (assigned(log), { unit: '市审批管理局', summary: '已全面完成' }),
    allowed: [SPJ],
    effect: (s) => expect(s.phase).toBe('review'),
  },
  {
    type: 'completion_review',
    setup: (log) => ({ requestId: requested(log).id, accept: true, opinion: '同意' }),
    allowed: [SUPERVISOR],
    effect: (s) => {
      expect(s.phase).toBe('completed');
      // Progress is what was reported (nothing here), not 100 because the item was accepted (issue 10, point 2).
      expect(progressOf(s)).toBe(0);
    },
  },
  {
    type: 'close',
    setup: (log) => (accepted(log), { note: '销号' }),
    allowed: [SUPERVISOR],
    effect: (s) => expect(s.phase).toBe('closed'),
  },
  {
    type: 'evaluate',
    setup: (log) => (accepted(log), { unit: '市审批管理局', score: 95, comment: '按期高质量完成' }),
    allowed: [SUPERVISOR],
    effect: (s) => expect(s.assignments[0]?.evaluation?.score).toBe(95),
  },
];

describe('every transition, and who may do it', () => {
  for (const c of CASES) {
    for (const actor of EVERYONE) {
      const may = c.allowed.includes(actor);
      it(`${c.type} by ${actor.name}(${actor.role}): ${may ? 'applied' : 'refused'}`, () => {
        const log = new EventLog();
        const payload = c.setup(log);
        const event = log.act(c.type, actor, payload as never);
        const entry = log.entry(event);
        expect(entry?.applied).toBe(may);
        if (may) {
          expect(entry?.conflict).toBeNull();
          c.effect(log.state);
        } else {
          expect(entry?.rejectKind).toBe('permission');
          expect(entry?.conflict).toMatch(/未生效$/);
          expect(log.state.conflicts).toBe(1);
        }
        // The UI offers exactly the actions the reducer would accept (unit actions: for the actor's own unit).
        const unit = (payload as { unit?: string }).unit;
        if (!UNIT_ACTIONS.has(c.type) || unit === actor.unit) {
          const before = reduceSupervision(log.events.slice(0, -1));
          expect(availableActions(before, actor).includes(c.type)).toBe(may);
        }
      });
    }
  }
});

describe('state rules', () => {
  const refused = (log: EventLog, type: EventType, by: Actor, payload: unknown, reason: RegExp) => {
    const entry = log.entry(log.act(type, by, payload as never));
    expect(entry?.applied).toBe(false);
    expect(entry?.conflict).toMatch(reason);
  };

  it('refuses actions in the wrong phase', () => {
    const log = new EventLog();
    refused(log, 'acknowledge', SPJ, { unit: '市审批管理局' }, /不是本事项的承办单位/);
    assigned(log);
    refused(log, 'close', SUPERVISOR, {}, /事项正在办理中,不能销号/);
    refused(log, 'evaluate', SUPERVISOR, { unit: '市审批管理局', score: 90 }, /不能评价/);
    const request = log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '完成' });
    refused(log, 'assign', SUPERVISOR, STANDARD_ASSIGNMENT, /办结审核中,不能交办/);
    refused(log, 'extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-12-31', reason: '再延' }, /不能申请延期/);
    log.act('completion_review', SUPERVISOR, { requestId: request.id, accept: true });
    log.act('close', SUPERVISOR, {});
    refused(log, 'report', SPJ, { unit: '市审批管理局', text: '补充', percent: 100 }, /事项已销号,不能反馈进展/);
    expect(log.state.phase).toBe('closed');
  });

  it('a return needs an opinion and sends the item back to 办理中', () => {
    const log = new EventLog();
    const request = requested(log);
    refused(log, 'completion_review', SUPERVISOR, { requestId: request.id, accept: false }, /须填写意见/);
    log.act('completion_review', SUPERVISOR, { requestId: request.id, accept: false, opinion: '佐证材料不全' });
    expect(log.state.phase).toBe('in_progress');
    expect(log.state.completed).toBeNull();
    // The lead unit can apply again.
    log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '已补充材料' });
    expect(log.state.phase).toBe('review');
  });

  it('only an approval moves the deadline', () => {
    const log = new EventLog();
    assigned(log);
    const first = log.act('extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-08-31', reason: '设备到货延迟' });
    log.act('extension_decision', SUPERVISOR, { requestId: first.id, approve: false, opinion: '不同意' });
    expect(log.state.extendedDeadline).toBeNull();
    const second = log.act('extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-09-30', reason: '联调' });
    log.act('extension_decision', SUPERVISOR, { requestId: second.id, approve: true, deadline: '2022-09-15' });
    expect(log.state.extendedDeadline).toBe('2022-09-15');
    refused(log, 'extension_decision', SUPERVISOR, { requestId: second.id, approve: false }, /已审批/);
    refused(log, 'extension_request', SPJ, { unit: '市审批管理局', deadline: '2022-09-01', reason: '再延' }, /应晚于已批准的时限/);
  });

  it('a group assignment cannot sign; a second 签收 is not counted twice', () => {
    const log = new EventLog();
    assigned(log);
    const group: Actor = { login: 'szbm', name: '某部门', unit: '市直各部门', role: 'unit_staff' };
    refused(log, 'acknowledge', group, { unit: '市直各部门' }, /部门组/);
    log.act('acknowledge', SPJ, { unit: '市审批管理局' });
    const again = log.entry(log.act('acknowledge', SPJ, { unit: '市审批管理局' }));
    expect(again).toMatchObject({ applied: false, conflict: null, note: expect.stringMatching(/不重复计/) });
  });

  it('only the lead unit applies for 办结 or 延期; without a lead, any assigned unit', () => {
    const log = new EventLog();
    assigned(log);
    refused(log, 'completion_request', GXJ, { unit: '市工信局(大数据局)', summary: '完成' }, /只有牵头单位/);
    const noLead = new EventLog();
    noLead.act('assign', SUPERVISOR, { assignments: [{ unit: '市工信局(大数据局)', role: 'responsible' }] });
    noLead.act('completion_request', GXJ, { unit: '市工信局(大数据局)', summary: '完成' });
    expect(noLead.state.phase).toBe('review');
  });

  it('a returned report no longer counts; the unit keeps its earlier percent', () => {
    const log = new EventLog();
    assigned(log);
    log.act('report', SPJ, { unit: '市审批管理局', text: '一期', percent: 20 });
    const second = log.act('report', SPJ, { unit: '市审批管理局', text: '二期', percent: 60 });
    log.act('report_return', SUPERVISOR, { reportId: second.id, opinion: '数据不实' });
    expect(log.state.assignments[0]?.percent).toBe(20);
    expect(log.state.assignments[0]?.lastReport?.text).toBe('一期');
  });
});

describe('events from other replicas', () => {
  it('flags unknown types, a missing or mismatched identity and a malformed payload', () => {
    const log = new EventLog();
    assigned(log);
    const base = makeEvent('acknowledge', SPJ, { unit: '市审批管理局' });
    const events = [
      ...log.events,
      { ...base, id: 'x1', type: 'teleport' },
      { ...base, id: 'x2', by: undefined },
      { ...base, id: 'x3', actor: 'someone-else' },
      { ...base, id: 'x4', payload: { unit: 42 } },
    ];
    const state = reduceSupervision(events);
    expect(state.history.slice(1).map((h) => [h.event.id, h.applied, h.rejectKind])).toEqual([
      ['x1', false, 'unknown'],
      ['x2', false, 'identity'],
      ['x3', false, 'identity'],
      ['x4', false, 'invalid'],
    ]);
    expect(state.conflicts).toBe(4);
    expect(state.assignments[0]?.acknowledged).toBeNull();
  });

  it('flags an unauthorised event instead of applying it', () => {
    const log = new EventLog();
    requested(log);
    // Unit staff "approving" their own completion on their replica.
    const forged = log.act('completion_review', SPJ, { requestId: log.state.completions[0]!.eventId, accept: true });
    expect(log.entry(forged)).toMatchObject({ applied: false, rejectKind: 'permission' });
    expect(log.state.phase).toBe('review');
  });

  it('per-unit reports made concurrently (same basis) all apply', () => {
    const log = new EventLog();
    const assign = assigned(log);
    log.act('report', SPJ, { unit: '市审批管理局', text: 'A', percent: 50 }, { basis: assign.id });
    log.act('report', GXJ, { unit: '市工信局(大数据局)', text: 'B', percent: 30 }, { basis: assign.id });
    log.act('acknowledge', GXJ, { unit: '市工信局(大数据局)' }, { basis: null });
    const s = log.state;
    expect(s.conflicts).toBe(0);
    expect(s.reports.map((r) => r.text)).toEqual(['A', 'B']);
    expect(progressOf(s)).toBe(50); // the lead unit reports for the item
  });

  it('a concurrent conflicting transition is flagged, the first in log order wins', () => {
    const log = new EventLog();
    const request = requested(log);
    const basis = log.state.head;
    log.act('completion_review', SUPERVISOR, { requestId: request.id, accept: true }, { basis });
    const late = log.act('completion_review', SUPERVISOR_2, { requestId: request.id, accept: false, opinion: '退回' }, { basis });
    expect(log.entry(late)).toMatchObject({ applied: false, rejectKind: 'basis', conflict: '与他人同时进行的操作冲突,未生效' });
    expect(log.state.phase).toBe('completed');
    expect(log.state.conflicts).toBe(1);
  });

  it('is deterministic: the same log gives the same state', () => {
    const log = new EventLog();
    reported(log);
    expect(reduceSupervision(log.events)).toEqual(reduceSupervision(structuredClone(log.events)));
  });
});
