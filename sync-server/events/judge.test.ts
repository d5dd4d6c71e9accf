import { describe, expect, it } from 'vitest';
import { testPki } from '../../core/crypto/test-pki';
import type { Actor } from '../../core/kernel/actor';
import type { RecordEvent } from '../../core/kernel/event';
import { MAX_EVENT_BYTES } from '../../core/kernel/event';
import { createEvent, recordEvent, signed } from '../../core/sync/testing/record-events';
import { AREAS } from '../../core/areas';
import { judgeSubmission, type Judgement } from './judge';
import { RecordLog } from './record-log';

const DC: Actor = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };
const SPJ: Actor = { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'unit_staff' };
const account = (a: Actor, role: 'staff' | 'admin' = 'staff') => ({ login: a.login, role, units: [a.unit] });

/** A record log in memory, taking every event judged appendable (as the submit path does before the commit). */
function record(name = 'rec-1') {
  const log = new RecordLog(name, AREAS);
  log.fill({ docId: 1, kind: null, creatorUnits: [], eventOwners: [], events: [] });
  const judge = (user: ReturnType<typeof account>, event: RecordEvent | string, trust: Parameters<typeof judgeSubmission>[0]['trust'] = null): Judgement => {
    const j = judgeSubmission({ registry: AREAS, trust }, log, user, typeof event === 'string' ? event : JSON.stringify(event));
    if (j.kind === 'append') log.add(j.event, j.text, j.area, Promise.resolve(true));
    return j;
  };
  return { log, judge };
}

const assign = (basis: string | null = null) =>
  recordEvent(DC, 'assign', { assignments: [{ unit: SPJ.unit, role: 'lead' }] }, { basis });

describe('judging submitted events (no trust configured)', () => {
  it('creates a record of a registered kind for the creator\'s own unit, once', () => {
    const { log, judge } = record();
    expect(judge(account(DC), recordEvent(DC, 'urge', {}))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('记录尚未创建') });
    expect(judge(account(DC), createEvent(DC, 'meeting'))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('不支持此记录类型') });
    expect(judge({ ...account(DC), units: ['市财政局'] }, createEvent(DC, 'supervision'))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('不是账号所属单位') });
    expect(judge(account(SPJ), createEvent(SPJ, 'supervision'))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('只有督查室可以立项') });
    expect(judge(account(DC), createEvent(DC, 'supervision'))).toMatchObject({ kind: 'append', create: { kind: 'supervision', creatorUnits: ['市政府督查室'] } });
    expect(log.kind).toBe('supervision');
    expect(judge(account(DC), createEvent(DC, 'supervision'))).toMatchObject({ kind: 'refused', reason: '记录已存在,不能再次创建' });
  });

  it('takes events only in the sender\'s own name; system imports only from administrators', () => {
    const { judge } = record();
    judge(account(DC), createEvent(DC, 'supervision'));
    const asDc = assign();
    expect(judge(account(SPJ), asDc)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('不是当前登录用户') });
    const system: Actor = { login: 'system:import', name: '文件导入', unit: '市政府督查室', role: 'supervisor' };
    const imported = recordEvent(system, 'assign', { assignments: [{ unit: SPJ.unit, role: 'lead' }] });
    expect(judge(account(SPJ), imported)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('只有管理员') });
    expect(judge(account(SPJ, 'admin'), imported)).toMatchObject({ kind: 'append' });
    expect(judge(account(DC), { ...assign(), by: { ...DC, login: 'other' } })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('by') });
  });

  it('the escaped-key trick of issue 9 changes nothing: the parsed actor is checked', () => {
    const { judge } = record();
    judge(account(DC), createEvent(DC, 'supervision'));
    const json = JSON.stringify(assign()).replace('"actor"', '"\\u0061ctor"');
    expect(json).not.toContain('"actor"');
    expect(judge(account(SPJ), json)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('不是当前登录用户') });
  });

  it('judges payload and permission by the area on the server\'s state; a stale basis is appended as a conflict', () => {
    const { log, judge } = record();
    judge(account(DC), createEvent(DC, 'supervision'));
    expect(judge(account(DC), recordEvent(DC, 'assign', { assignments: [] }))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('请至少交办一个单位') });
    const first = assign();
    expect(judge(account(DC), first)).toMatchObject({ kind: 'append' });
    // 销号 by a unit's staff: not permitted, whatever the state.
    expect(judge(account(SPJ), recordEvent(SPJ, 'close', {}, { basis: first.id }))).toMatchObject({ kind: 'refused', reason: expect.stringContaining('只有督查室') });
    // Two offline 交办 on the same basis: both appended; the reducer flags the second on every replica.
    expect(judge(account(DC), assign(null))).toMatchObject({ kind: 'append' });
    expect(log.reduced!.conflicts).toBe(1);
    expect(log.accessUnits()).toEqual(['市审批管理局']);
  });

  it('acknowledges the same id with the same content whoever sends it; refuses the id with other content', () => {
    const { judge } = record();
    const create = createEvent(DC, 'supervision');
    judge(account(DC), create);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(create).reverse()));
    expect(judge(account(SPJ), reordered)).toMatchObject({ kind: 'known', known: { seq: 1 } });
    expect(judge(account(DC), { ...create, at: '2030-01-01T00:00:00.000Z' })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('已被另一条内容不同的记录使用') });
  });

  it('refuses what is not an event: not JSON, wrong shape, too large', () => {
    const { judge } = record();
    expect(judge(account(DC), '{"id":"x",')).toMatchObject({ kind: 'invalid', eventId: 'x' });
    expect(judge(account(DC), '{"id":"y","type":"create"}')).toMatchObject({ kind: 'invalid', eventId: 'y' });
    const big = { ...createEvent(DC, 'supervision'), payload: { kind: 'supervision', pad: 'x'.repeat(MAX_EVENT_BYTES) } };
    expect(judge(account(DC), big)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('过大') });
  });
});

describe('judging submitted events with --trust-ca', async () => {
  const identities = { 'dcs.lin': { unit: DC.unit, role: 'supervisor' }, 'spj.zhang': { unit: SPJ.unit, role: 'unit_staff' }, 'gxj.chen': { unit: SPJ.unit, role: 'unit_staff' } };
  const pki = await testPki(['dcs.lin', 'spj.zhang', 'gxj.chen'], { identities, revoked: ['gxj.chen'] });
  const at = (days: number) => new Date(pki.start.getTime() + days * 86_400_000).toISOString();
  const key = (login: string) => pki.users[login]!;

  it('takes only events validly signed by the sender, attesting the unit and role they claim', () => {
    const { judge } = record();
    const create = createEvent(DC, 'supervision', { at: at(1) });
    expect(judge(account(DC), create, pki.trust)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('未签名') });
    expect(judge(account(DC), signed('rec-1', create, key('dcs.lin')), pki.trust)).toMatchObject({ kind: 'append' });
    const assignment = recordEvent(DC, 'assign', { assignments: [{ unit: SPJ.unit, role: 'lead' }] }, { at: at(2), basis: null });
    // Signed with someone else's key, or for another record, or altered after signing.
    expect(judge(account(DC), signed('rec-1', assignment, key('spj.zhang')), pki.trust)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('签名') });
    expect(judge(account(DC), signed('rec-2', assignment, key('dcs.lin')), pki.trust)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('签名无效') });
    const good = signed('rec-1', assignment, key('dcs.lin'));
    expect(judge(account(DC), { ...good, payload: { assignments: [{ unit: '市财政局', role: 'lead' }] } }, pki.trust)).toMatchObject({ kind: 'refused' });
    expect(judge(account(DC), good, pki.trust)).toMatchObject({ kind: 'append' });
  });

  it('refuses a unit\'s staff claiming the 督查室 role (the certificate says otherwise) and a revoked certificate', () => {
    const { judge } = record();
    judge(account(DC), signed('rec-1', createEvent(DC, 'supervision', { at: at(1) }), key('dcs.lin')), pki.trust);
    const posing = recordEvent({ ...SPJ, role: 'supervisor' }, 'close', {}, { at: at(3) });
    expect(judge(account(SPJ), signed('rec-1', posing, key('spj.zhang')), pki.trust)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('身份与证书不符') });
    const chen: Actor = { login: 'gxj.chen', name: '陈', unit: SPJ.unit, role: 'unit_staff' };
    const late = recordEvent(chen, 'acknowledge', { unit: SPJ.unit }, { at: at(20) });
    expect(judge(account(chen), signed('rec-1', late, key('gxj.chen')), pki.trust)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('吊销') });
  });
});
