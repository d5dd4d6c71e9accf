import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { beijingDate } from '../../core/calendar/iso-date';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { act } from '../kernel/act';
import { removeTempDirs } from '../store/testing/fixtures';
import { petitionTestContext } from './testing';
import { assignCase } from './assign';
import type { PetitionContext } from './context';
import { registerCase } from './register';
import { findRepeats, findRepeatsOf } from './repeats';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const HANDLER = user('zjj.wu');
const MATTER = '思明区莲前街道某小区电梯长期故障无人维修,物业与业委会互相推诿,老人出行困难';

const setup = (): PetitionContext => petitionTestContext().ctx;

describe('repeat index and 复核', () => {
  it('a case indexed before its 复核 is flagged as final once the 复核 is decided', async () => {
    const ctx = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来访', category: '申诉求决类', persons: [{ name: '林某某' }], matter: MATTER }, OFFICE);
      // The index is built now, while the case is still open.
      const before = findRepeats(ctx, MATTER, [], OFFICE).find((m) => m.id === id);
      expect(before).toMatchObject({ final: false });
      expect(before!.reasons).not.toContain('该事项已经复核,同一事实和理由不再受理');

      const step = (type: string, payload: Record<string, unknown> = {}) =>
        act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type, payload }, OFFICE, ctx.now(), ctx.signing);
      const today = beijingDate(ctx.now());
      step('accept');
      await assignCase(ctx, id, { mode: '交办', unit: '市住建局', handler: HANDLER }, OFFICE);
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'reply', payload: { summary: '已督促物业限期维修' } }, HANDLER, ctx.now(), ctx.signing);
      step('review_request', { receivedOn: today, reason: '维修后仍故障' });
      step('review_decide', { result: '维持', summary: '维持原答复' });
      step('recheck_request', { receivedOn: today, reason: '不服复查意见' });
      // Still open: not yet final.
      expect(findRepeats(ctx, MATTER, [], OFFICE).find((m) => m.id === id)).toMatchObject({ final: false });
      step('recheck_decide', { result: '维持', summary: '维持复查意见' });

      const after = findRepeats(ctx, MATTER, [], OFFICE).find((m) => m.id === id);
      expect(after).toMatchObject({ final: true });
      expect(after!.reasons).toContain('该事项已经复核,同一事实和理由不再受理');

      // The server refuses the decision (say, another office decided first): no longer final.
      const decided = ctx.store.events(id).find((e) => e.event.type === 'recheck_decide')!;
      expect(ctx.store.rejectEvent(id, decided.event.id, '复核决定与服务器记录冲突')).toBe(true);
      const refused = findRepeats(ctx, MATTER, [], OFFICE).find((m) => m.id === id);
      expect(refused).toMatchObject({ final: false });
      expect(refused!.reasons).not.toContain('该事项已经复核,同一事实和理由不再受理');
    } finally {
      ctx.store.close();
    }
  });

  it('a case that leaves this profile (access withdrawn) is no longer offered as a match', async () => {
    const ctx = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来信', category: '申诉求决类', persons: [{ name: '王某某', phone: '13800001111' }], matter: MATTER }, OFFICE);
      const samePhone = [{ name: '王某某', idNumber: '', phone: '13800001111', address: '' }];
      expect(findRepeats(ctx, MATTER, samePhone, OFFICE).map((m) => m.id)).toContain(id);
      expect(ctx.store.remove(id)).toBe(true);
      expect(findRepeats(ctx, MATTER, samePhone, OFFICE).map((m) => m.id)).not.toContain(id);
    } finally {
      ctx.store.close();
    }
  });

  it('关联 from a registered case: its stored tokens find the same person; linked ones are no longer offered', async () => {
    const ctx = setup();
    try {
      const person = { name: '郭某', phone: '13900001111' };
      const first = await registerCase(ctx, { channel: '来信', category: '申诉求决类', persons: [person], matter: '工地夜间施工噪音扰民' }, OFFICE);
      const second = await registerCase(ctx, { channel: '电话', category: '申诉求决类', persons: [person], matter: '要求退还多收的物业费' }, OFFICE);
      const offers = findRepeatsOf(ctx, second.id, OFFICE);
      expect(offers.map((o) => o.id)).toEqual([first.id]);
      expect(offers[0]!.reasons).toContain('同一信访人(身份证号或电话一致)');
      expect(() => findRepeatsOf(ctx, second.id, HANDLER)).toThrow('只有信访部门');
      act(ctx.store, AREAS, { id: second.id, basis: null, type: 'link', payload: { target: first.id, relation: '重复信访', reason: offers[0]!.reasons.join(';') } }, OFFICE, ctx.now(), ctx.signing);
      expect(findRepeatsOf(ctx, second.id, OFFICE)).toEqual([]);
    } finally {
      ctx.store.close();
    }
  });
});
