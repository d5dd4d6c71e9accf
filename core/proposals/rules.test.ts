import { describe, expect, it } from 'vitest';
import { EDIT } from '../kernel/event';
import { proposalArea } from './area';
import { ASSIGN, PEOPLE, ProposalLog, SIGNED, type Person } from './testing/events';

/**
 * Every transition × every role: each event type is tried by each person on a proposal in the
 * state where the transition fits; exactly the people allowed apply it, everyone else's event is
 * kept in the history as refused (权限), never applied.
 */
const assigned = () => {
  const log = new ProposalLog();
  log.add('office', 'assign', ASSIGN, '2024-01-22');
  return log;
};
const linked = () => {
  const log = assigned();
  log.add('lead', 'link_reply', { documentId: 'doc-1', title: '答复函' }, '2024-03-01');
  return log;
};
const replied = () => {
  const log = linked();
  log.add('leadChief', 'reply', SIGNED, '2024-03-05');
  return log;
};

interface Case {
  type: string;
  setup: () => ProposalLog;
  payload: (log: ProposalLog) => Record<string, unknown>;
  allowed: Person[];
  phaseAfter: string;
  /** The day the transition is tried (default 2024-03-12). */
  on?: string;
}

const OFFICE: Person[] = ['office'];
const UNITS: Person[] = ['lead', 'leadChief', 'helper'];
const LEAD: Person[] = ['lead', 'leadChief'];

const CASES: Case[] = [
  { type: 'assign', setup: () => new ProposalLog(), payload: () => ASSIGN, allowed: OFFICE, phaseAfter: 'handling' },
  { type: 'adjust_request', setup: assigned, payload: () => ({ reason: '不属本单位职责' }), allowed: UNITS, phaseAfter: 'handling', on: '2024-01-25' },
  {
    type: 'adjust_decide',
    setup: () => {
      const log = assigned();
      log.add('helper', 'adjust_request', { reason: '不属本单位职责' }, '2024-01-25');
      return log;
    },
    payload: (log) => ({ request: log.events[log.events.length - 1]!.id, granted: true, lead: '市教育局', helpers: [] }),
    allowed: OFFICE,
    phaseAfter: 'handling',
  },
  { type: 'contact', setup: assigned, payload: () => ({ date: '2024-02-01', form: '座谈', people: '王代表', summary: '当面听取意见' }), allowed: UNITS, phaseAfter: 'handling' },
  { type: 'opinion', setup: assigned, payload: () => ({ text: '建议加强校医配备' }), allowed: ['helper'], phaseAfter: 'handling' },
  { type: 'extend_request', setup: assigned, payload: () => ({ reason: '需会同多部门研究' }), allowed: LEAD, phaseAfter: 'handling' },
  {
    type: 'extend_decide',
    setup: () => {
      const log = assigned();
      log.add('lead', 'extend_request', { reason: '需会同多部门研究' }, '2024-03-01');
      return log;
    },
    payload: () => ({ granted: true, notified: '已电话告知领衔人' }),
    allowed: OFFICE,
    phaseAfter: 'handling',
  },
  { type: 'link_reply', setup: assigned, payload: () => ({ documentId: 'doc-1' }), allowed: LEAD, phaseAfter: 'handling' },
  { type: 'reply', setup: linked, payload: () => SIGNED, allowed: LEAD, phaseAfter: 'replied' },
  { type: 'satisfaction', setup: replied, payload: () => ({ level: '满意', date: '2024-03-10' }), allowed: OFFICE, phaseAfter: 'rated' },
  {
    type: 'redo',
    setup: () => {
      const log = replied();
      log.add('office', 'satisfaction', { level: '不满意', date: '2024-03-10' }, '2024-03-11');
      return log;
    },
    payload: () => ({ note: '请重新研究' }),
    allowed: OFFICE,
    phaseAfter: 'redo',
  },
  {
    type: 'close',
    setup: () => {
      const log = replied();
      log.add('office', 'satisfaction', { level: '基本满意', date: '2024-03-10' }, '2024-03-11');
      return log;
    },
    payload: () => ({}),
    allowed: OFFICE,
    phaseAfter: 'closed',
  },
];

describe('提案建议 reducer: every transition × role', () => {
  it('covers every event type of the area', () => {
    expect(CASES.map((c) => c.type).sort()).toEqual(Object.keys(proposalArea.events).sort());
  });

  for (const c of CASES) {
    for (const who of Object.keys(PEOPLE) as Person[]) {
      const allowed = c.allowed.includes(who);
      it(`${c.type} by ${who}: ${allowed ? 'applied' : 'refused'}`, () => {
        const log = c.setup();
        const before = log.state().phase;
        log.add(who, c.type, c.payload(log), c.on ?? '2024-03-12');
        const conflict = log.lastConflict();
        if (allowed) {
          expect(conflict).toBeNull();
          expect(log.state().phase).toBe(c.phaseAfter);
        } else {
          expect(conflict).toMatch(/未生效$/);
          expect(log.reduced().history.at(-1)!.rejectKind).toBe('permission');
          expect(log.state().phase).toBe(before);
        }
      });
    }
  }

  it('lets only the registering office edit fields, and nobody once closed', () => {
    const log = new ProposalLog();
    const state = log.state();
    const who = (p: Person) => proposalArea.can(PEOPLE[p], { type: EDIT }, state);
    expect(who('office')).toBeNull();
    for (const p of ['otherOffice', 'lead', 'helper', 'leader', 'admin'] as Person[]) expect(who(p)).not.toBeNull();
    const closed = CASES.find((c) => c.type === 'close')!;
    const done = closed.setup();
    done.add('office', 'close', {}, '2024-03-12');
    expect(proposalArea.can(PEOPLE.office, { type: EDIT }, done.state())).toBe('已办结的件不能修改');
  });
});

describe('提案建议 reducer: state rules', () => {
  it('refuses steps out of order, with the reason', () => {
    const log = new ProposalLog();
    log.add('office', 'close', {}, '2024-01-21');
    expect(log.lastConflict()).toBe('登记代表委员满意度后才能办结');
    const a = assigned();
    a.add('leadChief', 'reply', SIGNED, '2024-02-01');
    expect(a.lastConflict()).toBe('答复函不是本件关联的公文');
    a.add('office', 'assign', ASSIGN, '2024-02-01');
    expect(a.lastConflict()).toBe('此件已交办');
  });

  it('refuses a 主办 unit that is also a 协办 unit, and an unknown result class', () => {
    const log = new ProposalLog();
    log.add('office', 'assign', { lead: '市教育局', helpers: ['市教育局'] }, '2024-01-22');
    expect(log.lastConflict()).toBe('市教育局不能既是主办单位又是协办单位');
    const l = linked();
    l.add('lead', 'reply', { ...SIGNED, resultClass: 'D' }, '2024-03-05');
    expect(l.lastConflict()).toBe('未知的办理结果分类:D');
  });

  it('accepts 调整 within 10 days of 交办 and refuses it on the 11th', () => {
    const ok = assigned();
    ok.add('helper', 'adjust_request', { reason: '不属本单位职责' }, '2024-02-01'); // 交办 01-22 + 10 days = 02-01
    expect(ok.lastConflict()).toBeNull();
    const late = assigned();
    late.add('helper', 'adjust_request', { reason: '不属本单位职责' }, '2024-02-02');
    expect(late.lastConflict()).toBe('已超过调整申请期限(交办后10日内,至2024年2月1日)');
  });

  it('counts the window from the terms the 交办 carried (configurable)', () => {
    const log = new ProposalLog();
    log.add('office', 'assign', { ...ASSIGN, terms: { adjustDays: 15 } }, '2024-01-22');
    log.add('helper', 'adjust_request', { reason: '不属本单位职责' }, '2024-02-06');
    expect(log.lastConflict()).toBeNull();
  });

  it('moves the proposal to the new units when 调整 is granted; the old unit loses access', () => {
    const log = assigned();
    const req = log.add('helper', 'adjust_request', { reason: '不属本单位职责', suggestion: '市人社局' }, '2024-01-25');
    log.add('office', 'adjust_decide', { request: req.id, granted: true, lead: '市教育局', helpers: ['市人社局'], note: '同意调整' }, '2024-01-26');
    const s = log.state();
    expect(s.assignment).toMatchObject({ lead: '市教育局', helpers: ['市人社局'], adjusted: true, on: '2024-01-26' });
    expect(proposalArea.access!(s)).toEqual(['市教育局', '市人社局']);
    log.add('helper', 'opinion', { text: '意见' }, '2024-01-27');
    expect(log.lastConflict()).toMatch(/只有会办、协办单位/);
    log.add('office', 'adjust_decide', { request: req.id, granted: false }, '2024-01-27');
    expect(log.lastConflict()).toBe('这项调整申请已审定');
  });

  it('needs the proposer told before an extension is granted, and allows one extension', () => {
    const log = assigned();
    log.add('lead', 'extend_request', { reason: '需会同多部门研究' }, '2024-03-01');
    log.add('office', 'extend_decide', { granted: true }, '2024-03-02');
    expect(log.lastConflict()).toBe('批准延期应写明告知领衔人的情况');
    log.add('office', 'extend_decide', { granted: true, notified: '2024年3月2日电话告知王代表' }, '2024-03-02');
    expect(log.lastConflict()).toBeNull();
    log.add('lead', 'extend_request', { reason: '再次延期' }, '2024-03-05');
    expect(log.lastConflict()).toBe('此件已延期,不能再次延期');
  });

  it('runs 不满意 → 重新办理 → second reply → 满意 → 办结, the second 不满意 ending the redo', () => {
    const log = replied();
    log.add('office', 'satisfaction', { level: '不满意', date: '2024-03-10' }, '2024-03-11');
    expect(log.state().phase).toBe('dissatisfied');
    log.add('office', 'close', {}, '2024-03-12');
    expect(log.lastConflict()).toBe('登记代表委员满意度后才能办结');
    log.add('office', 'redo', { note: '请重新研究' }, '2024-03-12');
    expect(log.state()).toMatchObject({ phase: 'redo', round: 2 });
    log.add('lead', 'link_reply', { documentId: 'doc-2' }, '2024-03-20');
    log.add('leadChief', 'reply', { ...SIGNED, documentId: 'doc-2', resultClass: 'B' }, '2024-03-25');
    expect(log.state().replies.map((r) => [r.round, r.resultClass])).toEqual([[1, 'A'], [2, 'B']]);
    log.add('office', 'satisfaction', { level: '不满意', date: '2024-03-28' }, '2024-03-28');
    expect(log.state().phase).toBe('rated');
    log.add('office', 'close', { note: '重新办理后仍不满意,存档' }, '2024-03-29');
    expect(log.state().phase).toBe('closed');
  });

  it('flags two concurrent 交办 from two replicas: the second names a stale basis', () => {
    const log = new ProposalLog();
    const a = log.make('office', 'assign', ASSIGN, '2024-01-22');
    const b = log.make('office', 'assign', { lead: '市卫健委' }, '2024-01-22');
    log.events.push(a, b);
    const h = log.reduced().history;
    expect(h.at(-1)).toMatchObject({ applied: false, rejectKind: 'basis' });
    expect(log.state().assignment?.lead).toBe('市教育局');
  });
});
