import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { AREAS } from '../../core/areas';
import { act } from '../kernel/act';
import { demoEventSigning } from '../kernel/signing';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { petitionHandlers } from './handlers';
import { demoKeyring } from './keyring';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;

function setup() {
  const dir = tempDir();
  const store = Store.open({ dir });
  let who = user('xfj.chen');
  const h = petitionHandlers({ store, now: () => new Date(), actor: () => who, signing: demoEventSigning(dir) }, demoKeyring(dir));
  return { store, h, as: (login: string) => (who = user(login)) };
}

const CASE = { channel: '来访' as const, category: '申诉求决类' as const, matter: '瑞景新村12号楼外墙瓷砖大面积脱落,砸坏楼下停放的电动车,物业公司拖延不修', persons: [{ name: '林一', idNumber: '350203199001011234', phone: '13812345678', address: '思明区' }] };

describe('petition handlers', () => {
  it('offers the same person and the same matter at 登记, with reasons; finds a person by name for the office only', async () => {
    const { store, h, as } = setup();
    try {
      const { id } = await h.register({ ...CASE, locality: '思明区', links: [] });
      // Another person on the same matter, in other words.
      const same = await h.matches({ matter: '瑞景新村12号楼外墙瓷砖脱落严重,物业一直拖延不修,居民出入有安全隐患', persons: [{ name: '王二', idNumber: '', phone: '13900000000', address: '' }] });
      expect(same[0]).toMatchObject({ id, samePerson: false });
      expect(same[0]!.reasons[0]).toMatch(/事项内容相似/);
      // The same person by phone written another way, on an unrelated matter.
      const person = await h.matches({ matter: '咨询公积金提取流程', persons: [{ name: '林一', idNumber: '', phone: '+86 138-1234-5678', address: '' }] });
      expect(person).toEqual([expect.objectContaining({ id, samePerson: true, reasons: ['同一信访人(身份证号或电话一致)'] })]);
      expect((await h.findPerson({ field: 'name', value: '林一' })).map((r) => r.id)).toEqual([id]);
      expect(await h.findPerson({ field: 'name', value: '林二' })).toEqual([]);

      const detail = await h.get({ id });
      expect(detail.persons).toEqual([{ name: '林*', idNumber: '350203********1234', phone: '138****5678', address: '******' }]);
      expect(detail.allowed).toContain('accept');
      expect(detail.deadlines.map((d) => d.name)).toEqual(['受理', '转送交办']);

      as('admin');
      await expect(h.findPerson({ field: 'name', value: '林一' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(async () => h.matches({ matter: 'x', persons: [] })).rejects.toThrow('只有信访部门可以进行重复信访比对');
      expect((await h.get({ id })).canDecrypt).toBe(false);
      await expect(h.reveal({ id, reason: '办理需要', fields: ['name'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      as('jyj.he');
      await expect(async () => h.get({ id })).rejects.toThrow('无权查看该信访事项');
    } finally {
      store.close();
    }
  });

  it('links the matches the registrar chose at 登记, each a signed 关联 with its relation and reason; an unknown target writes nothing', async () => {
    const { store, h } = setup();
    try {
      const { id: first } = await h.register({ ...CASE, locality: '思明区', links: [] });
      const count = store.count();
      await expect(async () => h.register({ ...CASE, locality: '思明区', links: [{ target: 'no-such-case', relation: '重复信访', reason: '同一信访人' }] })).rejects.toThrow('关联的事项不存在');
      expect(store.count()).toBe(count);
      const { id } = await h.register({ ...CASE, locality: '思明区', links: [{ target: first, relation: '重复信访', reason: '同一信访人(身份证号或电话一致)' }] });
      const link = store.events(id).find((e) => e.event.type === 'link');
      expect(link?.event.payload).toEqual({ target: first, relation: '重复信访', reason: '同一信访人(身份证号或电话一致)' });
      expect((await h.get({ id })).history.find((e) => e.type === 'link')).toMatchObject({ label: '关联', note: `重复信访 ${first}:同一信访人(身份证号或电话一致)` });
      // The earlier case is unchanged: nothing is merged.
      expect(store.events(first).some((e) => e.event.type === 'link')).toBe(false);
    } finally {
      store.close();
    }
  });

  it('makes the 受理告知书 as a PDF for the office after 受理, with an audit entry; refuses it before', async () => {
    const { store, h } = setup();
    try {
      const { id } = await h.register({ ...CASE, locality: '思明区', links: [] });
      await expect(async () => h.notice({ id, kind: '受理告知书', reason: '办理需要' })).rejects.toThrow('尚未受理');
      const detail = await h.get({ id });
      act(store, AREAS, { id, basis: detail.head, type: 'accept', payload: {} }, user('xfj.chen'), new Date());
      const pdf = await h.notice({ id, kind: '受理告知书', reason: '办理需要' });
      expect(pdf.mime).toBe('application/pdf');
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect((await h.get({ id })).audit.map((a) => a.reason)).toEqual(['办理需要']);
    } finally {
      store.close();
    }
  });
});
