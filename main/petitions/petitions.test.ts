import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { beijingDate } from '../../core/calendar/iso-date';
import { PETITION_RULES, limitDue } from '../../core/petitions/limits';
import type { PetitionState } from '../../core/petitions/state';
import { act } from '../kernel/act';
import { removeTempDirs } from '../store/testing/fixtures';
import { petitionTestContext } from './testing';
import { assignCase } from './assign';
import type { PetitionContext } from './context';
import { listCases } from './list';
import { registerCase } from './register';
import { revealCase } from './reveal';
import { scanForMarkers } from './marker-scan';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const HANDLER = user('zjj.wu');
const OUTSIDER = user('jyj.he');
const COLLEAGUE: Actor = { login: 'zjj.sun', name: '孙同事', unit: '市住建局', role: 'unit_staff' };
const ADMIN = user('admin');
// Unique markers: found anywhere on disk means a leak.
const MARK = { name: '葛洪砚秋', idNumber: '35020319770707707X', phone: '13977770777', address: '厦门市湖里区标记路七七七号' };

const setup = (): PetitionContext => petitionTestContext().ctx;

describe('信访 cases in the store: encrypted, masked, audited', () => {
  it('registers with ciphertext only; the office reads names with an audit entry, others see masks', async () => {
    const ctx = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来访', category: '申诉求决类', persons: [MARK], matter: '外墙瓷砖脱落', locality: '湖里区' }, OFFICE);
      const due = limitDue(beijingDate(ctx.now()), PETITION_RULES.accept).due;
      expect((await listCases(ctx, ADMIN))[0]).toMatchObject({ id, petitioner: '葛***', status: '待受理', deadline: due });
      expect(await listCases(ctx, HANDLER)).toEqual([]);
      // Without a reason even the office gets masks (and no audit entry is written).
      expect((await listCases(ctx, OFFICE))[0]!.petitioner).toBe('葛***');
      const audit0 = ctx.store.reduced<PetitionState>(id).state.audit.length;
      expect(audit0).toBe(0);
      expect((await listCases(ctx, OFFICE, { reason: '核实身份' }))[0]!.petitioner).toBe(MARK.name);
      const audit = ctx.store.reduced<PetitionState>(id).state.audit;
      expect(audit.length).toBe(audit0 + 1);
      expect(audit.at(-1)).toMatchObject({ login: OFFICE.login, reason: '核实身份', fields: ['name'] });
      // The audit entry is a signed event.
      const decrypt = ctx.store.events(id).map((e) => e.event).find((e) => e.type === 'decrypt')!;
      expect(ctx.signing!.verify(id, [decrypt])[0]).toMatchObject({ status: 'valid' });

      // 受理, 交办 to 市住建局 with 吴承办 as handler: the key is rewrapped for him (in the event).
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'accept', payload: {} }, OFFICE, ctx.now(), ctx.signing);
      await assignCase(ctx, id, { mode: '交办', unit: '市住建局', handler: HANDLER }, OFFICE);
      expect(await revealCase(ctx, id, HANDLER, '办理需要', ['phone', 'address'])).toEqual([{ phone: MARK.phone, address: MARK.address }]);
      expect((await listCases(ctx, COLLEAGUE))[0]!.petitioner).toBe('葛***');
      await expect(revealCase(ctx, id, COLLEAGUE, '办理需要', ['name'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(revealCase(ctx, id, OUTSIDER, '办理需要', ['name'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await listCases(ctx, OUTSIDER)).toEqual([]);
      expect(ctx.store.reduced<PetitionState>(id).state.audit.map((a) => a.login)).toEqual([OFFICE.login, HANDLER.login]);

      // Reassigned to another unit: the old handler can no longer decrypt.
      await assignCase(ctx, id, { mode: '交办', unit: '市教育局', handler: OUTSIDER }, OFFICE);
      await expect(revealCase(ctx, id, HANDLER, '办理需要', ['name'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await revealCase(ctx, id, OUTSIDER, '办理需要', ['name']))[0]!.name).toBe(MARK.name);
    } finally {
      ctx.store.close();
    }
  });

  it('no plaintext anywhere in the profile: database, WAL, keys, logs (UTF-8 and UTF-16)', async () => {
    const ctx = setup();
    const { id } = await registerCase(ctx, { channel: '网上', category: '检举控告类', persons: [MARK], matter: '村集体土地被私自出租', locality: '同安区' }, OFFICE);
    await listCases(ctx, OFFICE, { reason: '办理需要' });
    act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'accept', payload: {} }, OFFICE, ctx.now(), ctx.signing);
    await assignCase(ctx, id, { mode: '交办', unit: '市住建局', handler: HANDLER }, OFFICE);
    await revealCase(ctx, id, HANDLER, '回访联系', ['name', 'idNumber', 'phone', 'address']);
    const dir = ctx.store.dir;
    expect(scanForMarkers(dir, Object.values(MARK))).toEqual([]);
    ctx.store.close();
    expect(scanForMarkers(dir, Object.values(MARK))).toEqual([]);
    // The scan does find a marker that is there (so an empty result means something).
    fs.writeFileSync(path.join(dir, 'probe.txt'), Buffer.from(MARK.phone, 'utf16le'));
    expect(scanForMarkers(dir, [MARK.phone])).toHaveLength(1);
  });

  it('refuses a malformed case with a readable error and writes nothing', async () => {
    const ctx = setup();
    try {
      await expect(registerCase(ctx, { channel: '传真', category: '申诉求决类', matter: 'x' }, OFFICE)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      await expect(registerCase(ctx, { channel: '12345', category: '建议意见类', matter: '增设公交线路' }, OFFICE)).rejects.toThrow('12345工单应注明类型');
      await expect(registerCase(ctx, { channel: '来信', category: '申诉求决类', matter: '匿名来信反映问题' }, HANDLER)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      expect(await listCases(ctx, OFFICE)).toEqual([]);
    } finally {
      ctx.store.close();
    }
  });
});
