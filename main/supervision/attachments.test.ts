import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { filesOf } from '../../core/records/record-doc';
import type { Result } from '../../core/result';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { SupervisionEvent } from '../../core/supervision/events';
import { verifySupervisionEvent } from '../../core/supervision/signature';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';

const MiB = 1024 * 1024;
let store: Store;
let session: Session;
let dispatch: Dispatch;

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-06-20T01:00:00Z') });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

async function call<T>(channel: string, input: unknown, as?: string): Promise<Result<T>> {
  if (as) session.switchTo(as);
  return (await dispatch(channel, input)) as Result<T>;
}
async function ok<T>(channel: string, input: unknown, as?: string): Promise<T> {
  const result = await call<T>(channel, input, as);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
const act = async (id: string, action: unknown, as?: string) => {
  const { head } = await ok<SupervisionDetail>('supervision.get', { id }, as);
  return call<SupervisionDetail>('supervision.act', { id, basis: head, action });
};
const attach = (id: string, name: string, data: Uint8Array, as = 'spj.zhang') =>
  call<AttachmentRef>('supervision.attachFile', { id, name, mime: 'application/pdf', dataBase64: Buffer.from(data).toString('base64') }, as);
const report = (id: string, attachments: unknown[]) => act(id, { type: 'report', unit: '市审批管理局', text: '平台完成招标', percent: 40, attachments }, 'spj.zhang');

/** An item assigned to 市审批管理局 (lead), made by the 督查室. */
async function assignedItem(): Promise<string> {
  const created = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公', deadline: '2022-06-30' }, 'dcs.lin');
  await ok(
    'supervision.act',
    { id: created.id, basis: created.head, action: { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] } },
  );
  return created.id;
}
/** What is stored for a record: any write changes it. */
const stateVector = (id: string) => Buffer.from(Y.encodeStateVector(store.getDoc(id))).toString('hex');

describe('supervision.attachFile / readFile', () => {
  it('attach, report with the ref, see it in the detail and read back the same bytes', async () => {
    const id = await assignedItem();
    const data = randomBytes(300_000);
    const ref = await ok<AttachmentRef>('supervision.attachFile', { id, name: '招标文件(终稿).pdf', mime: 'application/pdf', dataBase64: data.toString('base64') }, 'spj.zhang');
    expect(ref).toMatchObject({ name: '招标文件(终稿).pdf', size: 300_000 });
    expect(ref.sm3).toMatch(/^[0-9a-f]{64}$/);

    const reported = await report(id, [ref]);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(reported.value.reports[0]?.attachments).toEqual([ref]);
    const entry = reported.value.history.find((h) => h.event.type === 'report')!;
    expect((entry.event.payload as { attachments: unknown }).attachments).toEqual([ref]);
    expect(entry.signature?.status).toBe('valid');
    // The ref is signed with the event: another hash in its place breaks the signature.
    const swapped = SupervisionEvent.parse({ ...entry.event, payload: { ...entry.event.payload, attachments: [{ ...ref, sm3: 'ab'.repeat(32) }] } });
    expect(verifySupervisionEvent(id, entry.event, null).status).toBe('untrusted');
    expect(verifySupervisionEvent(id, swapped, null).status).toBe('invalid');

    const file = await ok<{ name: string; mime: string; dataBase64: string }>('supervision.readFile', { id, sm3: ref.sm3 }, 'dcs.lin');
    expect(file.name).toBe('招标文件(终稿).pdf');
    expect(file.mime).toBe('application/pdf');
    expect(Buffer.from(file.dataBase64, 'base64').equals(data)).toBe(true);
  });

  it('the same bytes are stored once, under any name', async () => {
    const id = await assignedItem();
    const data = randomBytes(1000);
    const first = await ok<AttachmentRef>('supervision.attachFile', { id, name: '方案.pdf', dataBase64: data.toString('base64') }, 'spj.zhang');
    const before = stateVector(id);
    const again = await attach(id, '方案(副本).pdf', data);
    expect(again).toEqual({ ok: true, value: { name: '方案(副本).pdf', sm3: first.sm3, size: 1000 } });
    expect(stateVector(id)).toBe(before);
    expect(filesOf(store.getDoc(id)).size).toBe(1);
  });

  it('refuses files over 5 MB, records over 12 MB, long names and bad base64, writing nothing', async () => {
    const id = await assignedItem();
    const before = stateVector(id);
    const big = await attach(id, '大文件.pdf', new Uint8Array(5 * MiB + 1));
    expect(big).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('单个附件不能超过 5 MB') } });
    const huge = await attach(id, '超大文件.pdf', new Uint8Array(6 * MiB));
    expect(huge).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('单个附件不能超过 5 MB') } });
    const long = await attach(id, `${'长'.repeat(200)}.pdf`, new Uint8Array(10));
    expect(long).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('附件名称不能超过 200 个字') } });
    const garbled = await call('supervision.attachFile', { id, name: 'a.pdf', dataBase64: '不是base64' }, 'spj.zhang');
    expect(garbled).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(stateVector(id)).toBe(before);

    // 5 MB exactly is fine; the third such file would pass 12 MB for the item.
    const five = (fill: number) => new Uint8Array(5 * MiB).fill(fill);
    expect((await attach(id, '一.pdf', five(1))).ok).toBe(true);
    expect((await attach(id, '二.pdf', five(2))).ok).toBe(true);
    const full = stateVector(id);
    const third = await attach(id, '三.pdf', five(3));
    expect(third).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('本事项附件合计不能超过 12 MB') } });
    expect(stateVector(id)).toBe(full);
    expect(filesOf(store.getDoc(id)).size).toBe(2);
  });

  it('only a unit that may report or apply for 办结 adds files', async () => {
    const id = await assignedItem();
    const data = new Uint8Array([1, 2, 3]);
    expect(await attach(id, 'a.pdf', data, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('当前身份不能为本事项上传附件') } });
    expect(await attach(id, 'a.pdf', data, 'gxj.chen')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await attach('no-such-item', 'a.pdf', data)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(filesOf(store.getDoc(id)).size).toBe(0);
  });

  it('refuses refs to files the item does not hold, with another size, or bare names; nothing is written', async () => {
    const id = await assignedItem();
    const ref = await ok<AttachmentRef>('supervision.attachFile', { id, name: '纪要.pdf', dataBase64: Buffer.from('会议纪要').toString('base64') }, 'spj.zhang');
    const before = stateVector(id);
    const unknown = await report(id, [{ ...ref, sm3: 'ab'.repeat(32) }]);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '附件“纪要.pdf”不在本事项的已上传文件中,请重新上传' } });
    expect(await report(id, [{ ...ref, size: ref.size + 1 }])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '附件“纪要.pdf”的大小与已上传的文件不符' } });
    expect(await report(id, ['纪要.pdf'])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('尚未上传文件') } });
    const completion = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成', attachments: [{ ...ref, sm3: 'cd'.repeat(32) }] }, 'spj.zhang');
    expect(completion).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(stateVector(id)).toBe(before);
    const done = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成', attachments: [ref] }, 'spj.zhang');
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.completions[0]?.attachments).toEqual([ref]);
  });

  it('readFile: NOT_FOUND for bytes this machine does not hold', async () => {
    const id = await assignedItem();
    expect(await call('supervision.readFile', { id, sm3: 'ab'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '附件文件尚未同步到本机,请稍后再试' } });
    expect(await call('supervision.readFile', { id, sm3: 'XYZ' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
