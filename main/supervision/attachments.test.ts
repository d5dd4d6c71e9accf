import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { filesOf } from '../../core/records/record-doc';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { SupervisionEvent } from '../../core/supervision/events';
import { verifySupervisionEvent } from '../../core/supervision/signature';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { StagedFiles } from './staged-files';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;
let store: Store;
let session: Session;
let dispatch: Dispatch;
let staged: StagedFiles;
/** The app's clock; staged files expire on it. */
let clock: number;

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  clock = Date.parse('2022-06-20T01:00:00Z');
  staged = new StagedFiles({ now: () => clock });
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date(clock), staged });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const { call, ok, act } = dispatchClient(() => ({ dispatch, session }));
const attach = (id: string, name: string, data: Uint8Array, as = 'spj.zhang') =>
  call<AttachmentRef>('supervision.attachFile', { id, name, mime: 'application/pdf', dataBase64: Buffer.from(data).toString('base64') }, as);
const attached = async (id: string, name: string, data: Uint8Array, as = 'spj.zhang') => {
  const result = await attach(id, name, data, as);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
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
/** The record's updates as they go to the log and to sync, from now on. */
function updatesOf(id: string): Uint8Array[] {
  const seen: Uint8Array[] = [];
  store.onUpdate((doc, update) => {
    if (doc === id) seen.push(update);
  });
  return seen;
}
/** What each committed write of record `id` carried, seen from inside its transaction. */
function writesOf(id: string): Array<{ updates: number; events: string[] }> {
  const writes: Array<{ updates: number; events: string[] }> = [];
  let current: { updates: number; events: string[] } | null = null;
  const mark = () => (current ??= { updates: 0, events: [] });
  store.onUpdate((doc) => doc === id && (mark().updates += 1), { inTransaction: true });
  store.onEvent((doc, event) => doc === id && mark().events.push(event.type), { inTransaction: true });
  store.onChange((ids) => {
    if (ids.includes(id) && current) writes.push(current);
    current = null;
  });
  return writes;
}
const fileCount = (id: string) => filesOf(store.getDoc(id)).size;

describe('supervision.attachFile / readFile', () => {
  it('attach stages the file; the report writes bytes and event in one update; the same bytes read back', async () => {
    const id = await assignedItem();
    const updates = updatesOf(id);
    const data = randomBytes(300_000);
    const ref = await ok<AttachmentRef>('supervision.attachFile', { id, name: '招标文件(终稿).pdf', mime: 'application/pdf', dataBase64: data.toString('base64') }, 'spj.zhang');
    expect(ref).toMatchObject({ name: '招标文件(终稿).pdf', size: 300_000 });
    expect(ref.sm3).toMatch(/^[0-9a-f]{64}$/);
    // Nothing in the record yet: nothing to sync, nothing counted but the stage.
    expect(updates).toHaveLength(0);
    expect(fileCount(id)).toBe(0);
    expect(staged.totalBytes).toBe(300_000);
    expect(await call('supervision.readFile', { id, sm3: ref.sm3 }, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const recordBefore = Y.encodeStateAsUpdate(store.getDoc(id));
    const eventsBefore = store.events(id).length;
    const writes = writesOf(id);
    const reported = await report(id, [ref]);
    if (!reported.ok) throw new Error(reported.error.message);
    // One write carries both: one Yjs update bringing the file, and the event, in one transaction.
    expect(writes).toEqual([{ updates: 1, events: ['report'] }]);
    expect(updates).toHaveLength(1);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, recordBefore);
    expect(filesOf(replica).size).toBe(0);
    Y.applyUpdate(replica, updates[0]!);
    expect([...filesOf(replica).keys()]).toEqual([ref.sm3]);
    expect(store.events(id).length).toBe(eventsBefore + 1);
    expect(staged.totalBytes).toBe(0);

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

  it('a file chosen and removed, or a dialog cancelled, leaves nothing in the record and nothing to sync', async () => {
    const id = await assignedItem();
    const updates = updatesOf(id);
    const before = stateVector(id);
    await attached(id, '误选的文件.pdf', randomBytes(2 * MiB));
    await attached(id, '草稿.pdf', randomBytes(1000));
    // The dialog is closed without 报送: no call at all reaches main.
    expect(fileCount(id)).toBe(0);
    expect(stateVector(id)).toBe(before);
    expect(updates).toHaveLength(0);
    // A report made later without them does not bring them in either; they stop counting.
    const reported = await report(id, []);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(fileCount(id)).toBe(0);
    expect(updates).toHaveLength(1);
    expect(staged.totalBytes).toBe(0);
  });

  it('the same bytes are staged and stored once, under any name', async () => {
    const id = await assignedItem();
    const data = randomBytes(1000);
    const first = await attached(id, '方案.pdf', data);
    const again = await attached(id, '方案(副本).pdf', data);
    expect(again).toEqual({ name: '方案(副本).pdf', sm3: first.sm3, size: 1000 });
    expect(staged.totalBytes).toBe(1000);
    const reported = await report(id, [first, again]);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(reported.value.reports[0]?.attachments.map((a) => a.name)).toEqual(['方案.pdf', '方案(副本).pdf']);
    expect(fileCount(id)).toBe(1);
    // Already in the record: attaching it again stages nothing and writes nothing.
    const vector = stateVector(id);
    expect(await attach(id, '方案(第三份).pdf', data)).toEqual({ ok: true, value: { name: '方案(第三份).pdf', sm3: first.sm3, size: 1000 } });
    expect(staged.totalBytes).toBe(0);
    expect(stateVector(id)).toBe(vector);
  });

  it('refuses files over 5 MB, long names and bad base64, staging and writing nothing', async () => {
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
    expect(staged.totalBytes).toBe(0);
  });

  it('the 12 MB per item counts staged files as well as stored ones', async () => {
    const id = await assignedItem();
    const five = (fill: number) => new Uint8Array(5 * MiB).fill(fill);
    // Two staged files of 5 MB: a third would pass 12 MB once reported.
    const one = await attached(id, '一.pdf', five(1));
    const two = await attached(id, '二.pdf', five(2));
    const third = await attach(id, '三.pdf', five(3));
    expect(third).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '本事项附件合计不能超过 12 MB(已有 0 B,待报送 10.0 MB,“三.pdf”为 5.0 MB)' } });
    // Choosing one of them again is not a new file.
    expect((await attach(id, '一(重传).pdf', five(1))).ok).toBe(true);
    expect(fileCount(id)).toBe(0);
    const reported = await report(id, [one, two]);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(fileCount(id)).toBe(2);
    // Stored now: the limit still holds, and the message says what is there.
    expect(await attach(id, '三.pdf', five(3))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '本事项附件合计不能超过 12 MB(已有 10.0 MB,“三.pdf”为 5.0 MB)' } });
    expect((await attach(id, '补充说明.pdf', new Uint8Array(MiB))).ok).toBe(true);
  });

  it('a file staged more than 2 hours ago is gone at 报送: a clear BAD_INPUT, nothing written', async () => {
    const id = await assignedItem();
    const ref = await attached(id, '台账.xlsx', randomBytes(4000));
    clock += 2 * HOUR;
    const before = stateVector(id);
    expect(await report(id, [ref])).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '附件“台账.xlsx”上传后超过 2 小时未报送,暂存内容已清理,请重新上传附件' },
    });
    expect(stateVector(id)).toBe(before);
    // Uploaded again, it goes with the report.
    const data = randomBytes(4000);
    const again = await attached(id, '台账.xlsx', data);
    expect((await report(id, [again])).ok).toBe(true);
    expect([...filesOf(store.getDoc(id)).keys()]).toEqual([again.sm3]);
  });

  it('a file pushed out of the stage by others is reported as such, and nothing is written', async () => {
    store.close();
    store = Store.open({ dir: tempDir() });
    staged = new StagedFiles({ now: () => clock, maxBytes: 3 * MiB });
    dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date(clock), staged });
    const id = await assignedItem();
    const first = await attached(id, '第一份.pdf', randomBytes(2 * MiB));
    const second = await attached(id, '第二份.pdf', randomBytes(2 * MiB));
    expect(staged.totalBytes).toBe(2 * MiB);
    const before = stateVector(id);
    expect(await report(id, [first, second])).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '附件“第一份.pdf”的暂存内容因待报送附件过多已被清理,请重新上传附件' },
    });
    expect(stateVector(id)).toBe(before);
    expect(fileCount(id)).toBe(0);
  });

  it('after 报送, the reporter\'s unused staged files are dropped and a later ref to one says so', async () => {
    const id = await assignedItem();
    const kept = await attached(id, '正式稿.pdf', randomBytes(1000));
    const removed = await attached(id, '误传.pdf', randomBytes(2000));
    const first = await report(id, [kept]);
    if (!first.ok) throw new Error(first.error.message);
    expect(staged.totalBytes).toBe(0);
    expect(await report(id, [removed])).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '附件“误传.pdf”未随上次报送提交,暂存内容已清理,请重新上传附件' },
    });
    expect([...filesOf(store.getDoc(id)).keys()]).toEqual([kept.sm3]);
  });

  it('only a unit that may report or apply for 办结 adds files', async () => {
    const id = await assignedItem();
    const data = new Uint8Array([1, 2, 3]);
    expect(await attach(id, 'a.pdf', data, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('当前身份不能为本事项上传附件') } });
    expect(await attach(id, 'a.pdf', data, 'gxj.chen')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await attach('no-such-item', 'a.pdf', data)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(staged.totalBytes).toBe(0);
  });

  it('refuses refs to files the item does not hold, with another size, or bare names; nothing is written', async () => {
    const id = await assignedItem();
    const ref = await ok<AttachmentRef>('supervision.attachFile', { id, name: '纪要.pdf', dataBase64: Buffer.from('会议纪要').toString('base64') }, 'spj.zhang');
    const before = stateVector(id);
    const unknown = await report(id, [{ ...ref, sm3: 'ab'.repeat(32) }]);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '附件“纪要.pdf”不在本事项的已上传文件中,请重新上传附件' } });
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
