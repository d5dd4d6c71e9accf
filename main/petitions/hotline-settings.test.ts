import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { beijingDate } from '../../core/calendar/iso-date';
import { act } from '../kernel/act';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { DEFAULT_HOTLINE_LIMITS, hotlineDue } from '../../core/petitions/limits';
import type { PetitionState } from '../../core/petitions/state';
import { removeTempDirs } from '../store/testing/fixtures';
import { petitionTestContext } from './testing';
import type { PetitionContext } from './context';
import { petitionDetail } from './detail';
import { hotlineLimits, setHotlineLimits } from './hotline-settings';
import { registerCase } from './register';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const ADMIN = user('admin');
const HANDLER = user('zjj.wu');

const setup = (): PetitionContext => petitionTestContext().ctx;

const hotline = (ctx: PetitionContext, type: '投诉' | '紧急') =>
  registerCase(ctx, { channel: '12345', hotlineType: type, category: '申诉求决类', persons: [{ name: '市民甲' }], matter: `12345${type}:小区门口占道经营` }, OFFICE);

describe('12345 limits an office configures', () => {
  it('a 工单 takes the limit of the table at 登记, signed; a later change does not move it', async () => {
    const ctx = setup();
    try {
      expect(hotlineLimits(ctx.store)).toEqual(DEFAULT_HOTLINE_LIMITS);
      const before = await hotline(ctx, '投诉');
      const reg = beijingDate(ctx.now());
      const dueOf = (id: string) => petitionDetail(ctx.store, id, OFFICE).deadlines.find((d) => d.name === '12345投诉办理')!.due;
      expect(dueOf(before.id)).toBe(hotlineDue(reg, '投诉').due);

      setHotlineLimits(ctx.store, { ...DEFAULT_HOTLINE_LIMITS, 投诉: { unit: 'working-days', n: 5 } }, ADMIN);
      const after = await hotline(ctx, '投诉');
      expect(ctx.store.reduced<PetitionState>(after.id).state.hotlineLimit).toEqual({ unit: 'working-days', n: 5 });
      expect(dueOf(after.id)).toBe(hotlineDue(reg, '投诉', { ...DEFAULT_HOTLINE_LIMITS, 投诉: { unit: 'working-days', n: 5 } }).due);
      expect(dueOf(after.id)).not.toBe(dueOf(before.id));
      // The one registered before keeps its 13 working days; the limit is a signed event of the case.
      expect(dueOf(before.id)).toBe(hotlineDue(reg, '投诉').due);
      const limitEvent = ctx.store.events(after.id).map((e) => e.event).find((e) => e.type === 'hotline_limit')!;
      expect(ctx.signing!.verify(after.id, [limitEvent])[0]).toMatchObject({ status: 'valid' });
      expect(petitionDetail(ctx.store, after.id, OFFICE).history.map((h) => h.note)).toContain('12345办理时限:5个工作日');
      // Set once, at 登记: a later hotline_limit (through the generic act, as the server would judge it) is refused.
      expect(() => act(ctx.store, AREAS, { id: after.id, basis: null, type: 'hotline_limit', payload: { period: { unit: 'working-days', n: 60 } } }, OFFICE, ctx.now(), ctx.signing)).toThrow('办理时限在登记时确定');
    } finally {
      ctx.store.close();
    }
  });

  it('only the office or an administrator sets it; a bad table is refused and the saved one kept', () => {
    const ctx = setup();
    try {
      const mine = { ...DEFAULT_HOTLINE_LIMITS, 咨询: { unit: 'working-days' as const, n: 2 } };
      expect(setHotlineLimits(ctx.store, mine, OFFICE)).toEqual(mine);
      expect(() => setHotlineLimits(ctx.store, DEFAULT_HOTLINE_LIMITS, HANDLER)).toThrow('只有信访部门或系统管理员');
      expect(() => setHotlineLimits(ctx.store, { ...mine, 投诉: { unit: 'working-days', n: 0 } }, OFFICE)).toThrow('办理时限至少1个工作日');
      expect(() => setHotlineLimits(ctx.store, { ...mine, 建议: { unit: 'days', n: 10 } }, OFFICE)).toThrow('办理时限设置有误');
      expect(() => setHotlineLimits(ctx.store, { 紧急: { unit: 'same-day' } }, OFFICE)).toThrow('办理时限设置有误');
      expect(hotlineLimits(ctx.store)).toEqual(mine);
      // A damaged stored value falls back to the statutory defaults instead of blocking 登记.
      ctx.store.setMeta('petitions.hotlineLimits', '{"紧急":');
      expect(hotlineLimits(ctx.store)).toEqual(DEFAULT_HOTLINE_LIMITS);
    } finally {
      ctx.store.close();
    }
  });
});
