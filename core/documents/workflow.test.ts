import { describe, expect, it } from 'vitest';
import { CREATE } from '../kernel/event';
import { isOffered, judgeEvent, reduceRecord, type Reduced } from '../kernel/reduce';
import { documentArea, type DocumentState } from './area';
import { substanceOf } from './substance';
import { eventBy, named, person } from './testing/people';

/**
 * The 发文 reducer as a table: at each phase of the path 拟稿 → 核稿 → 会签 → 签发 → 编号 → 用印 →
 * 分发 → 归档, every event type is tried by every kind of person; the table lists who the reducer
 * applies it for (everyone else is refused with a reason, never silently dropped).
 */
const PEOPLE = ['bgt.li', 'bgt.zhao', 'bgt.sun', 'leader.wang', 'gxj.zheng', 'gxj.wu', 'spj.zhang', 'dcs.lin', 'admin'];
const S1 = substanceOf({ title: '关于开展数据安全检查的通知', docKind: '通知' }, '一、检查范围');
const S2 = substanceOf({ title: '关于开展数据安全检查的通知', docKind: '通知' }, '一、检查范围和时间');
const SEAL = (unit: string) => ({ kind: '用印', contentHash: 'a'.repeat(64), signature: 'x', certificate: 'x', by: { name: 'n', unit, role: 'office' }, unit });

/** One payload per type (the seal's unit is the actor's, as main/signatures makes it). */
const payloadFor = (type: string, login: string): Record<string, unknown> => {
  const unit = named(login).unit;
  return {
    submit: { docKind: '通知', reviewers: [named('bgt.zhao')], countersign: ['市工信局(大数据局)'] },
    review: { decision: 'pass' },
    countersign: { decision: 'agree' },
    issue: { decision: 'approve', opinion: '同意', substance: S1 },
    recheck_request: { changed: ['正文'], substance: S2 },
    recheck: { decision: 'approve', substance: S2 },
    request_number: { issuerCode: '厦府办', year: 2022, substance: S1 },
    number: { issuerCode: '厦府办', year: 2022, seq: 1, docNumber: '厦府办〔2022〕1号', local: false, substance: S1 },
    sign: SEAL(unit),
    distribute: { substance: S1, copies: [{ unit: '市审批管理局', role: '主送', incomingId: 'in-1' }], external: ['省大数据局'] },
    archive: {},
    withdraw: { reason: '不再发文' },
  }[type]!;
};

const TYPES = Object.keys(documentArea.events);

function whoMay(events: ReturnType<typeof eventBy>[]): Record<string, string[]> {
  const reduced = reduceRecord(documentArea, events) as Reduced<DocumentState>;
  const table: Record<string, string[]> = {};
  for (const type of TYPES) {
    const ok = PEOPLE.filter((login) => {
      const candidate = eventBy(login, type, payloadFor(type, login), reduced.head);
      return judgeEvent(documentArea, structuredClone(reduced), candidate).kind === 'apply';
    });
    if (ok.length > 0) table[type] = ok;
  }
  return table;
}

/** The path, event by event, with the phase after each. */
function path() {
  const log: ReturnType<typeof eventBy>[] = [eventBy('bgt.li', CREATE, { kind: 'document' }, null)];
  const push = (login: string, type: string, payload?: Record<string, unknown>) => {
    const head = reduceRecord(documentArea, log).head;
    log.push(eventBy(login, type, payload ?? payloadFor(type, login), head));
    return reduceRecord(documentArea, log) as Reduced<DocumentState>;
  };
  return { log, push };
}

describe('发文 reducer: who may do what at each step', () => {
  it('is this table', () => {
    const { log, push } = path();
    const tables: Record<string, Record<string, string[]>> = {};
    const snap = () => (tables[(reduceRecord(documentArea, log).state as DocumentState).phase] = whoMay(log));
    snap(); // draft
    expect(push('bgt.li', 'submit').state.phase).toBe('review');
    snap();
    expect(push('bgt.zhao', 'review').state.phase).toBe('countersign');
    snap();
    expect(push('gxj.zheng', 'countersign').state.phase).toBe('issue');
    snap();
    expect(push('leader.wang', 'issue').state.phase).toBe('issued');
    snap();
    expect(push('bgt.sun', 'number').state.phase).toBe('numbered');
    snap();
    expect(push('bgt.sun', 'sign').state.phase).toBe('sealed');
    snap();
    expect(push('bgt.sun', 'distribute').state.phase).toBe('distributed');
    snap();
    expect(push('bgt.sun', 'archive').state.phase).toBe('archived');
    snap();
    const ownUnit = ['bgt.li', 'bgt.zhao', 'bgt.sun', 'leader.wang', 'admin'];
    expect(tables).toEqual({
      // The drafting unit (its creator's) sends or withdraws its draft.
      draft: { submit: ownUnit, withdraw: ownUnit },
      review: { review: ['bgt.zhao'] },
      countersign: { countersign: ['gxj.zheng', 'gxj.wu'] },
      issue: { issue: ['leader.wang'] },
      // A 送复核 is open to the drafting unit whenever the substance differs from what was signed.
      issued: { request_number: ['bgt.zhao', 'bgt.sun', 'admin'], number: ['bgt.zhao', 'bgt.sun', 'admin'], recheck_request: ownUnit },
      numbered: { sign: ownUnit, recheck_request: ownUnit },
      sealed: { distribute: ['bgt.zhao', 'bgt.sun', 'admin'] },
      distributed: { archive: ['bgt.zhao', 'bgt.sun', 'admin'] },
      archived: {},
    });
  });

  it('a reviewer’s 退回 and a leader’s 退回 send the draft back to its drafter, with the opinion; the body is 修订 (suggest) after 拟稿', () => {
    const { push } = path();
    expect(push('bgt.li', 'submit').state.bodyMode).toBe('suggest');
    let r = push('bgt.zhao', 'review', { decision: 'return', opinion: '请补充检查时间' });
    expect(r.state).toMatchObject({ phase: 'draft', bodyMode: 'free', opinions: [{ step: '核稿', decision: 'return', opinion: '请补充检查时间' }] });
    push('bgt.li', 'submit', { docKind: '通知', reviewers: [named('bgt.zhao')] });
    push('bgt.zhao', 'review', { decision: 'pass' });
    r = push('leader.wang', 'issue', { decision: 'return', opinion: '再斟酌', substance: S1 });
    expect(r.state.phase).toBe('draft');
    expect(documentArea.todos!({ id: 'd', kind: 'document', fields: documentArea.fields.parse({}), body: '', reduced: r, createdAt: '', updatedAt: '' })).toMatchObject([
      { audience: 'user:bgt.li', kind: 'draft', label: '退回修改' },
    ]);
  });

  it('parallel 核稿: each reviewer passes on their own; all passed → 待签发', () => {
    const { push } = path();
    push('bgt.li', 'submit', { docKind: '通知', reviewers: [named('bgt.zhao'), named('bgt.sun')], mode: 'parallel' });
    expect(push('bgt.sun', 'review', { decision: 'pass' }).state.phase).toBe('review');
    const r = push('bgt.zhao', 'review', { decision: 'pass' });
    expect(r.state.phase).toBe('issue');
    // A serial pair: the second may not pass before the first.
    const s = path();
    s.push('bgt.li', 'submit', { docKind: '通知', reviewers: [named('bgt.zhao'), named('bgt.sun')], mode: 'serial' });
    expect(s.push('bgt.sun', 'review', { decision: 'pass' }).history.at(-1)).toMatchObject({ applied: false, conflict: '尚未轮到您核稿,或您已核稿' });
  });

  it('a substantive change after 签发 is refused at 编号 until the signer 复核s it; the parts that changed are named', () => {
    const { push } = path();
    push('bgt.li', 'submit', { docKind: '请示', reviewers: [] });
    push('leader.wang', 'issue');
    const refused = push('bgt.sun', 'number', { ...payloadFor('number', 'bgt.sun'), substance: S2 });
    expect(refused.history.at(-1)).toMatchObject({ applied: false, conflict: '签发后正文有实质性修改,须送签发人复核' });
    expect(push('bgt.sun', 'recheck_request').state).toMatchObject({ phase: 'recheck', changed: ['正文'] });
    // Only the original signer re-signs.
    expect(documentArea.can(person('leader.wang'), { type: 'recheck' }, refused.state)).toBeNull();
    const after = push('leader.wang', 'recheck');
    expect(after.state).toMatchObject({ phase: 'issued', issue: { substance: S2 } });
    expect(push('bgt.sun', 'number', { ...payloadFor('number', 'bgt.sun'), substance: S2 }).state.phase).toBe('numbered');
  });

  it('待编号: a request made offline, then the number; 联合发文 needs every 发文机关’s seal', () => {
    const { push } = path();
    push('bgt.li', 'submit', { docKind: '通知', jointIssuers: ['市工信局(大数据局)'] });
    expect(push('gxj.zheng', 'countersign').state.phase).toBe('issue');
    push('leader.wang', 'issue');
    expect(push('bgt.sun', 'request_number').state).toMatchObject({ phase: 'numbering', numberRequest: { issuerCode: '厦府办', year: 2022 } });
    expect(push('bgt.sun', 'number').state.phase).toBe('numbered');
    expect(push('bgt.sun', 'sign').state.phase).toBe('numbered');
    expect(push('spj.zhang', 'sign').history.at(-1)).toMatchObject({ applied: false, conflict: '只有发文机关可以用印,未生效' });
    expect(push('gxj.wu', 'sign').state).toMatchObject({ phase: 'sealed', sealedUnits: ['市政府办公厅', '市工信局(大数据局)'] });
  });

  it('a step is offered only where the reducer would apply it (用印 after 编号, once per 发文机关)', () => {
    const { push } = path();
    const offeredNow = (r: Reduced<DocumentState>) => {
      const offered: string[] = [];
      for (const type of TYPES) {
        for (const login of PEOPLE) {
          const payload = payloadFor(type, login);
          if (!isOffered(documentArea, person(login), { type, payload }, r.state)) continue;
          offered.push(`${login}:${type}`);
          const verdict = judgeEvent(documentArea, structuredClone(r), eventBy(login, type, payload, r.head));
          expect(verdict.kind, `${login} offered ${type} in ${r.state.phase}`).toBe('apply');
        }
      }
      return offered;
    };
    const draft = push('bgt.li', 'submit', { docKind: '通知', jointIssuers: ['市工信局(大数据局)'] });
    expect(offeredNow(draft).filter((o) => o.endsWith(':sign'))).toEqual([]);
    push('gxj.zheng', 'countersign');
    push('leader.wang', 'issue');
    const numbered = push('bgt.sun', 'number');
    expect(offeredNow(numbered).filter((o) => o.endsWith(':sign'))).toEqual(['bgt.li:sign', 'bgt.zhao:sign', 'bgt.sun:sign', 'leader.wang:sign', 'gxj.zheng:sign', 'gxj.wu:sign', 'admin:sign']);
    const sealedOnce = push('bgt.sun', 'sign');
    expect(offeredNow(sealedOnce).filter((o) => o.endsWith(':sign'))).toEqual(['gxj.zheng:sign', 'gxj.wu:sign']);
  });

  it('撤销: the drafting unit withdraws a draft; it is read-only after, and a withdraw that lost to a 送审 is flagged', () => {
    const { push } = path();
    expect(documentArea.can(person('gxj.wu'), { type: 'withdraw' }, push('bgt.li', 'edit', { fields: ['title'] }).state)).toBe('只有拟稿单位可以撤销草稿');
    const withdrawn = push('bgt.sun', 'withdraw');
    expect(withdrawn.state).toMatchObject({ phase: 'withdrawn', opinions: [{ step: '撤销', opinion: '不再发文' }] });
    expect(documentArea.can(person('bgt.li'), { type: 'edit' }, withdrawn.state)).toBe('已撤销的公文为只读');
    expect(documentArea.can(person('bgt.li'), { type: 'submit' }, withdrawn.state)).toBe('公文已撤销');

    // Offline, one colleague sends the draft while another withdraws it: the later one on the same basis is flagged.
    const race = path();
    const basis = race.push('bgt.li', 'edit', { fields: ['title'] }).head;
    race.push('bgt.li', 'submit', { docKind: '通知', reviewers: [] });
    race.log.push(eventBy('bgt.sun', 'withdraw', { reason: '' }, basis));
    const after = reduceRecord(documentArea, race.log) as Reduced<DocumentState>;
    expect(after.state.phase).toBe('issue');
    expect(after.history.at(-1)).toMatchObject({ applied: false, conflict: expect.any(String) });
  });

  it('an archived 公文 is read-only for everyone, administrators included', () => {
    const { push } = path();
    push('bgt.li', 'submit', { docKind: '通知', reviewers: [] });
    push('leader.wang', 'issue');
    push('bgt.sun', 'number');
    push('bgt.sun', 'sign');
    push('bgt.sun', 'distribute');
    const r = push('bgt.sun', 'archive');
    for (const login of ['admin', 'bgt.sun', 'leader.wang']) expect(documentArea.can(person(login), { type: 'edit' }, r.state)).toBe('已归档的公文为只读,任何人不能修改');
  });
});
