import { describe, expect, it } from 'vitest';
import { createRecordKey, openRecordKeys } from '../crypto/field/envelopes';
import { readerOf } from '../crypto/field/test-support';
import { softProviderWithKeys } from '../crypto/test-helpers';
import { petitionArea } from './area';
import { blindToken, normalizeIdentifier } from './blind-index';
import { maskIdNumber, maskName, maskPhone, petitionerLabel } from './mask';
import { protectPersons, revealPersons } from './protect';
import { COLLEAGUE, HANDLER, OFFICE, OUTSIDER, ev, fieldsOf, viewOf } from './testing';

const INDEX_KEY = new Uint8Array(32).fill(7);
const PERSON = { name: '张三丰', idNumber: '350203199001011234', phone: '13812345678', address: '厦门市思明区湖滨南路1号' };

describe('masks', () => {
  it('350203********1234, 138****5678, 张*', () => {
    expect(maskIdNumber('350203199001011234')).toBe('350203********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskPhone('')).toBe('');
  });
  it('the list label: one person, 联名, anonymous', () => {
    const p = protectPersons({ dataKeyId: 'x' } as never, 'r', [], INDEX_KEY);
    expect(petitionerLabel({ persons: p, anonymous: true })).toBe('匿名');
  });
});

describe('blind index', () => {
  it('the same identifier written differently gives the same token; fields never cross', () => {
    expect(normalizeIdentifier('phone', '+86 138-1234-5678')).toBe('13812345678');
    expect(blindToken(INDEX_KEY, 'phone', '+86 138-1234-5678')).toBe(blindToken(INDEX_KEY, 'phone', '13812345678'));
    expect(blindToken(INDEX_KEY, 'idNumber', '35020319900101123x')).toBe(blindToken(INDEX_KEY, 'idNumber', '35020319900101123X'));
    expect(blindToken(INDEX_KEY, 'idNumber', '３５０２０３１９９００１０１１２３４')).toBe(blindToken(INDEX_KEY, 'idNumber', PERSON.idNumber));
    expect(blindToken(INDEX_KEY, 'name', '13812345678')).not.toBe(blindToken(INDEX_KEY, 'phone', '13812345678'));
    expect(blindToken(INDEX_KEY, 'phone', '')).toBe('');
  });
  it('another office key gives unrelated tokens, and no token contains the value', () => {
    const other = new Uint8Array(32).fill(8);
    const t = blindToken(INDEX_KEY, 'phone', PERSON.phone);
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(blindToken(other, 'phone', PERSON.phone)).not.toBe(t);
    expect(t).not.toContain('5678');
  });
});

describe('protected persons', async () => {
  const { provider, handles } = await softProviderWithKeys(2);
  const [office, handler] = handles as [(typeof handles)[0], (typeof handles)[0]];

  it('stores ciphertext, masks and tokens only; readers with an envelope get the plaintext back', async () => {
    const { key, envelopes } = await createRecordKey([readerOf('role:petition_office', office)]);
    const stored = protectPersons(key, 'xf-1', [PERSON], INDEX_KEY);
    const json = JSON.stringify(stored);
    for (const secret of Object.values(PERSON)) expect(json).not.toContain(secret);
    expect(stored[0]!.masked).toEqual({ name: '张**', idNumber: '350203********1234', phone: '138****5678' });
    const keys = await openRecordKeys(envelopes, provider, office);
    expect(revealPersons(keys, 'xf-1', stored)).toEqual([PERSON]);
    // Moved to another record, the values no longer open (the record id is bound into the MAC).
    expect(() => revealPersons(keys, 'xf-2', stored)).toThrow(/DECRYPT_FAILED|解密|认证/);
    await expect(openRecordKeys(envelopes, provider, handler)).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });
});

describe('who may decrypt: the office and the assigned handler only', () => {
  const assigned = viewOf('2024-06-03', [ev('accept', OFFICE, '2024-06-04'), ev('assign', OFFICE, '2024-06-04', { mode: '交办', unit: HANDLER.unit, handler: HANDLER.login })]);
  const s = assigned.reduced.state;
  const can = (who: typeof OFFICE) => petitionArea.can(who, { type: 'decrypt' }, s);
  it('office yes, handler yes; the handler\'s colleague and an unrelated unit no', () => {
    expect(can(OFFICE)).toBeNull();
    expect(can(HANDLER)).toBeNull();
    expect(can(COLLEAGUE)).toBe('无权查看信访人个人信息');
    expect(can(OUTSIDER)).toBe('无权查看信访人个人信息');
  });
  it('a decrypt event is the audit entry: who, when, why, which fields', () => {
    const v = viewOf('2024-06-03', [ev('decrypt', HANDLER, '2024-06-05', { reason: '回访联系', fields: ['phone'] }), ev('decrypt', COLLEAGUE, '2024-06-05', { reason: '办理需要', fields: ['name'] })]);
    // Unassigned: the handler's decrypt is refused too (and kept as a conflict, never applied).
    expect(v.reduced.state.audit).toEqual([]);
    const ok = viewOf('2024-06-03', [ev('assign', OFFICE, '2024-06-04', { mode: '交办', unit: HANDLER.unit, handler: HANDLER.login }), ev('decrypt', HANDLER, '2024-06-05T03:00:00.000Z', { reason: '回访联系', fields: ['phone'] })]);
    expect(ok.reduced.state.audit).toEqual([{ at: '2024-06-05T03:00:00.000Z', login: HANDLER.login, name: HANDLER.name, reason: '回访联系', fields: ['phone'] }]);
  });
  it('access: the office\'s unit and the assigned unit; a reassignment takes the old unit off', () => {
    expect(petitionArea.access!(s)).toEqual(['市住建局']);
    const moved = viewOf('2024-06-03', [ev('assign', OFFICE, '2024-06-04', { mode: '交办', unit: HANDLER.unit, handler: HANDLER.login }), ev('assign', OFFICE, '2024-06-06', { mode: '交办', unit: OUTSIDER.unit, handler: OUTSIDER.login })]);
    expect(petitionArea.access!(moved.reduced.state)).toEqual(['市教育局']);
    expect(petitionArea.can(HANDLER, { type: 'decrypt' }, moved.reduced.state)).not.toBeNull();
  });
  it('projection, search, 待办 and notices carry masked values only', async () => {
    const { handles: [office] } = await softProviderWithKeys(1);
    const { key } = await createRecordKey([readerOf('role:petition_office', office!)]);
    const persons = protectPersons(key, 'xf-1', [PERSON, { ...PERSON, name: '李四', idNumber: '350203198001011111', phone: '13900001111' }], INDEX_KEY);
    const v = viewOf('2024-06-03', [ev('accept', OFFICE, '2024-06-04')], fieldsOf({}, persons));
    const surfaces = JSON.stringify([petitionArea.projection!.rows(v), petitionArea.search(v), petitionArea.todos!(v), petitionArea.notifications!(v)]);
    for (const secret of [PERSON.name, PERSON.idNumber, PERSON.phone, PERSON.address, '李四', '13900001111']) expect(surfaces).not.toContain(secret);
    expect(petitionArea.projection!.rows(v).petitions![0]!.petitioner).toBe('张**等2人(联名)');
    expect(petitionArea.projection!.rows(v).petition_persons).toHaveLength(6);
  });
});
