import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { act } from '../kernel/act';
import { editRecord } from '../kernel/edit';
import { removeTempDirs } from '../store/testing/fixtures';
import { petitionTestContext } from './testing';
import { assignCase } from './assign';
import { petitionDetail } from './detail';
import { petitionNotice } from './notice';
import { registerCase } from './register';
import { sealReply } from './seal-reply';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const HANDLER = user('zjj.wu');

const setup = () => petitionTestContext();

const pdfOf = (b64: string) => Buffer.from(b64, 'base64');
const hasImage = (pdf: Buffer) => pdf.includes('/Subtype /Image');

describe('答复意见书: signed (the reply event) and sealed (the office 用印)', () => {
  it('the office seals the reply; the PDF carries the verified seal; a later change of the case makes it stale', async () => {
    const { ctx, trust } = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来信', category: '申诉求决类', persons: [{ name: '黄某某' }], matter: '小区地下车库长期积水' }, OFFICE);
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'accept', payload: {} }, OFFICE, ctx.now(), ctx.signing);
      expect(() => sealReply(ctx, id, OFFICE)).toThrow('尚未答复');
      await assignCase(ctx, id, { mode: '交办', unit: HANDLER.unit, handler: HANDLER }, OFFICE);
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'reply', payload: { summary: '已责成物业于十日内完成排水改造' } }, HANDLER, ctx.now(), ctx.signing);

      expect(petitionDetail(ctx.store, id, OFFICE, trust())).toMatchObject({ canSeal: true, sealed: null });
      expect(petitionDetail(ctx.store, id, HANDLER, trust())).toMatchObject({ canSeal: false });
      const unsealed = await petitionNotice(ctx, id, '答复意见书', OFFICE, '办理需要', trust());
      expect(unsealed.fileName).toContain('未用印');
      expect(hasImage(pdfOf(unsealed.base64))).toBe(false);

      expect(() => sealReply(ctx, id, HANDLER)).toThrow('只有信访部门');
      sealReply(ctx, id, OFFICE);
      const detail = petitionDetail(ctx.store, id, OFFICE, trust());
      expect(detail.sealed).toMatchObject({ unit: OFFICE.unit });
      expect(detail.canSeal).toBe(false);
      expect(detail.history.map((h) => h.note)).toContain(`加盖${OFFICE.unit}电子印章(答复意见书)`);
      // The 用印 and the reply are signed events; the seal's own GB/T 38540 signature is checked by replySeal.
      const sign = ctx.store.events(id).map((e) => e.event).find((e) => e.type === 'sign')!;
      expect(ctx.signing!.verify(id, [sign])[0]).toMatchObject({ status: 'valid' });
      expect(() => sealReply(ctx, id, OFFICE)).toThrow('已用印');
      const sealed = await petitionNotice(ctx, id, '答复意见书', OFFICE, '办理需要', trust());
      expect(sealed.fileName).not.toContain('未用印');
      expect(hasImage(pdfOf(sealed.base64))).toBe(true);
      // Without the trust anchors the seal does not verify: no picture is drawn.
      expect(hasImage(pdfOf((await petitionNotice(ctx, id, '答复意见书', OFFICE, '办理需要', null)).base64))).toBe(false);

      // The office cannot seal other words under the 答复's id: a sealed record whose text differs from the signed reply shows no seal.
      editRecord(ctx.store, AREAS, { id, patch: { reply: { ...ctx.store.getDoc(id).getMap('fields').get('reply') as object, summary: '已全部解决' } } }, OFFICE, ctx.now(), ctx.signing);
      expect(petitionDetail(ctx.store, id, OFFICE, trust())).toMatchObject({ sealed: null, canSeal: true });
      sealReply(ctx, id, OFFICE);
      expect(petitionDetail(ctx.store, id, OFFICE, trust()).sealed).not.toBeNull();
      expect(ctx.store.getDoc(id).getMap('fields').get('reply')).toMatchObject({ summary: '已责成物业于十日内完成排水改造' });

      // The office changes the case afterwards: the seal no longer covers it.
      editRecord(ctx.store, AREAS, { id, patch: { locality: '湖里区' } }, OFFICE, ctx.now(), ctx.signing);
      expect(petitionDetail(ctx.store, id, OFFICE, trust())).toMatchObject({ sealed: null, canSeal: true });
      expect(hasImage(pdfOf((await petitionNotice(ctx, id, '答复意见书', OFFICE, '办理需要', trust())).base64))).toBe(false);
      sealReply(ctx, id, OFFICE);
      expect(petitionDetail(ctx.store, id, OFFICE, trust()).sealed).not.toBeNull();
    } finally {
      ctx.store.close();
    }
  });
});
