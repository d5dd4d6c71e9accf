import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BlobRef } from '../../core/kernel/event';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { filesOf } from '../../core/records/record-doc';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { SupervisionEvent } from '../../core/supervision/events';
import { verifySupervisionEvent } from '../../core/supervision/signature';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { BlobServices } from '../blobs/services';
import { PROFILE_PASS_KEY, startBlobUpkeep } from '../blobs/upkeep';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';

const MiB = 1024 * 1024;
let dir: string;
let store: Store;
let session: Session;
let dispatch: Dispatch;
let blobs: BlobServices;
let upkeep: { stop: () => void; done: Promise<void> };

function openProfile(): void {
  store = Store.open({ dir });
  blobs = new BlobServices({ dir });
  // As openApp does: refs of new events are noted, so reported files are shared (uploaded).
  upkeep = startBlobUpkeep(store, blobs.store);
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-06-20T01:00:00Z'), blobs });
}
function closeProfile(): void {
  upkeep.stop();
  blobs.close();
  store.close();
}
beforeEach(() => {
  dir = tempDir();
  session = createSession();
  openProfile();
});
afterEach(() => {
  closeProfile();
  removeTempDirs();
});

const { call, ok, act } = dispatchClient(() => ({ dispatch, session }));

/** A file sent to the blob store as the renderer sends it: begin, 1 MiB chunks, finish. */
async function send(name: string, data: Uint8Array, mime = 'application/pdf'): Promise<BlobRef> {
  const { uploadId, chunkBytes } = await ok<{ uploadId: string; chunkBytes: number }>('blobs.begin', { name, mime, size: data.length });
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    await ok('blobs.put', { uploadId, offset, dataBase64: Buffer.from(data.subarray(offset, offset + chunkBytes)).toString('base64') });
  }
  return ok<BlobRef>('blobs.finish', { uploadId });
}
const attach = (id: string, ref: BlobRef, as = 'spj.zhang') => call<AttachmentRef>('supervision.attachFile', { id, ...ref }, as);
const attached = async (id: string, name: string, data: Uint8Array) => ok<AttachmentRef>('supervision.attachFile', { id, ...(await send(name, data)) }, 'spj.zhang');
const report = (id: string, attachments: unknown[]) => act(id, { type: 'report', unit: '市审批管理局', text: '平台完成招标', percent: 40, attachments }, 'spj.zhang');
const read = async (sm3: string, size: number) => {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < size; offset += MiB) parts.push(Buffer.from((await ok<{ dataBase64: string }>('blobs.read', { sm3, offset, length: MiB })).dataBase64, 'base64'));
  return Buffer.concat(parts);
};

/** An item assigned to 市审批管理局 (lead), made by the 督查室. */
async function assignedItem(): Promise<string> {
  const created = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公', deadline: '2022-06-30' }, 'dcs.lin');
  await ok('supervision.act', { id: created.id, basis: created.head, action: { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] } });
  return created.id;
}
const stateVector = (id: string) => Buffer.from(Y.encodeStateVector(store.getDoc(id))).toString('hex');
/** The record's updates as they go to the log and to sync, from now on. */
function updatesOf(id: string): Uint8Array[] {
  const seen: Uint8Array[] = [];
  store.onUpdate((doc, update) => {
    if (doc === id) seen.push(update);
  });
  return seen;
}
/** Upkeep notes refs after the commit, in the background. */
async function sharedSoon(sm3s: string[]): Promise<void> {
  for (let i = 0; i < 500 && !sm3s.every((s) => blobs.store.row(s)?.share === 1); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('supervision attachments as blobs', () => {
  it('a file sent in chunks is attached by its ref; the report carries only the signed ref (no bytes in the record); the bytes read back', async () => {
    const id = await assignedItem();
    const updates = updatesOf(id);
    const data = randomBytes(3 * MiB + 300);
    const sent = await send('招标文件(终稿).pdf', data);
    const ref = (await attach(id, sent)) as { ok: true; value: AttachmentRef };
    expect(ref.value).toEqual({ name: '招标文件(终稿).pdf', sm3: sent.sm3, size: data.length, mime: 'application/pdf' });
    // Nothing in the record yet, nothing to sync, nothing to upload.
    expect(updates).toHaveLength(0);
    expect(blobs.store.pendingUploads()).toEqual([]);

    const reported = await report(id, [ref.value]);
    if (!reported.ok) throw new Error(reported.error.message);
    // One small update: the event, not the file.
    expect(updates).toHaveLength(1);
    expect(updates[0]!.length).toBeLessThan(16 * 1024);
    expect(filesOf(store.getDoc(id)).size).toBe(0);
    expect(store.events(id).map((e) => e.event.type)).toContain('report');
    await sharedSoon([sent.sm3]);
    expect(blobs.store.pendingUploads().map((r) => r.sm3)).toEqual([sent.sm3]);

    expect(reported.value.reports[0]?.attachments).toEqual([ref.value]);
    const entry = reported.value.history.find((h) => h.event.type === 'report')!;
    expect((entry.event.payload as { attachments: unknown }).attachments).toEqual([ref.value]);
    expect(entry.signature?.status).toBe('valid');
    // The ref is signed with the event: another hash in its place breaks the signature.
    const swapped = SupervisionEvent.parse({ ...entry.event, payload: { ...entry.event.payload, attachments: [{ ...ref.value, sm3: 'ab'.repeat(32) }] } });
    expect(verifySupervisionEvent(id, entry.event, null).status).toBe('untrusted');
    expect(verifySupervisionEvent(id, swapped, null).status).toBe('invalid');
    expect((await read(sent.sm3, data.length)).equals(data)).toBe(true);
  });

  it('a file chosen and removed, or a dialog cancelled, leaves nothing in the record and is never uploaded', async () => {
    const id = await assignedItem();
    const updates = updatesOf(id);
    const before = stateVector(id);
    const dropped = await attached(id, '误选的文件.pdf', randomBytes(2 * MiB));
    const kept = await attached(id, '正式稿.pdf', randomBytes(1000));
    expect(stateVector(id)).toBe(before);
    expect(updates).toHaveLength(0);
    const reported = await report(id, [kept]);
    if (!reported.ok) throw new Error(reported.error.message);
    await sharedSoon([kept.sm3]);
    expect(blobs.store.pendingUploads().map((r) => r.sm3)).toEqual([kept.sm3]);
    expect(blobs.store.row(dropped.sm3)).toMatchObject({ share: 0 });
  });

  it('the same bytes are one blob, under any name', async () => {
    const id = await assignedItem();
    const data = randomBytes(1000);
    const first = await attached(id, '方案.pdf', data);
    const again = await attached(id, '方案(副本).pdf', data);
    expect(again).toEqual({ name: '方案(副本).pdf', sm3: first.sm3, size: 1000, mime: 'application/pdf' });
    const reported = await report(id, [first, again]);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(reported.value.reports[0]?.attachments.map((a) => a.name)).toEqual(['方案.pdf', '方案(副本).pdf']);
    expect(blobs.store.status([first.sm3])[0]).toMatchObject({ state: 'present', size: 1000 });
  });

  it('200 MB per file by default (refused before any byte is sent); the old 5 MB and 12 MB limits are gone; names are checked', async () => {
    const id = await assignedItem();
    const before = stateVector(id);
    expect(await call('blobs.begin', { name: '扫描件.pdf', mime: 'application/pdf', size: 200 * MiB + 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '单个附件不能超过 200.0 MB,“扫描件.pdf”过大(200.0 MB)' },
    });
    expect(await call('blobs.begin', { name: `${'长'.repeat(200)}.pdf`, mime: '', size: 10 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('附件名称不能超过 200 个字') } });
    const { uploadId } = await ok<{ uploadId: string }>('blobs.begin', { name: 'a.pdf', mime: '', size: 3 });
    expect(await call('blobs.put', { uploadId, offset: 0, dataBase64: '不是base64' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(stateVector(id)).toBe(before);
    // Three 6 MB files: each over the old 5 MB, together over the old 12 MB per item.
    const files = await Promise.all([1, 2, 3].map(async (n) => attached(id, `扫描件${n}.pdf`, new Uint8Array(6 * MiB).fill(n))));
    const reported = await report(id, files);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(reported.value.reports[0]?.attachments).toHaveLength(3);
    expect(Y.encodeStateAsUpdate(store.getDoc(id)).length).toBeLessThan(64 * 1024);
  });

  it('an uploaded file is kept on this machine: after a restart the report can still name it', async () => {
    const id = await assignedItem();
    const ref = await attached(id, '台账.xlsx', randomBytes(4000));
    closeProfile();
    openProfile();
    const reported = await report(id, [ref]);
    if (!reported.ok) throw new Error(reported.error.message);
    expect(reported.value.reports[0]?.attachments).toEqual([ref]);
  });

  it('only a unit that may report or apply for 办结 adds files', async () => {
    const id = await assignedItem();
    const sent = await send('a.pdf', new Uint8Array([1, 2, 3]));
    expect(await attach(id, sent, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('当前身份不能为本事项上传附件') } });
    expect(await attach(id, sent, 'gxj.chen')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await attach('no-such-item', sent)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses refs to files not on this machine, with another size, or bare names; nothing is written', async () => {
    const id = await assignedItem();
    const ref = await attached(id, '纪要.pdf', Buffer.from('会议纪要'));
    const before = stateVector(id);
    expect(await attach(id, { ...ref, mime: 'application/pdf', sm3: 'ab'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '附件“纪要.pdf”不在本机(上传未完成或已取消),请重新上传附件' } });
    expect(await report(id, [{ ...ref, sm3: 'ab'.repeat(32) }])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '附件“纪要.pdf”不在本机(上传未完成或已取消),请重新上传附件' } });
    expect(await report(id, [{ ...ref, size: ref.size + 1 }])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('附件“纪要.pdf”的大小与已上传的文件不符') } });
    expect(await report(id, ['纪要.pdf'])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('尚未上传文件') } });
    const completion = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成', attachments: [{ ...ref, sm3: 'cd'.repeat(32) }] }, 'spj.zhang');
    expect(completion).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(stateVector(id)).toBe(before);
    const done = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成', attachments: [ref] }, 'spj.zhang');
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value.completions[0]?.attachments).toEqual([ref]);
  });

  it('a profile from before blobs: the bytes kept in the record move to the blob store at open, the record shrinks, the report still verifies', async () => {
    const id = await assignedItem();
    const data = randomBytes(2 * MiB);
    const sent = await attached(id, '旧版附件.pdf', data);
    // A ref as the old app wrote it ({name, sm3, size}), its bytes in the record's `files` map.
    const old = { name: sent.name, sm3: sent.sm3, size: sent.size };
    const reported = await report(id, [old]);
    if (!reported.ok) throw new Error(reported.error.message);
    store.change(id, (doc) => filesOf(doc).set(old.sm3, { name: old.name, mime: 'application/pdf', size: data.length, data }));
    closeProfile();
    fs.rmSync(path.join(dir, 'blobs'), { recursive: true });
    const raw = Store.open({ dir });
    raw.setMeta(PROFILE_PASS_KEY, null);
    const before = Y.encodeStateAsUpdate(raw.getDoc(id)).length;
    raw.close();
    openProfile();
    await upkeep.done;
    expect(filesOf(store.getDoc(id)).size).toBe(0);
    expect(Y.encodeStateAsUpdate(store.getDoc(id)).length).toBeLessThan(before - data.length + 8 * 1024);
    expect((await read(old.sm3, data.length)).equals(data)).toBe(true);
    const detail = await ok<SupervisionDetail>('supervision.get', { id }, 'dcs.lin');
    expect(detail.reports[0]?.attachments).toEqual([old]);
    expect(detail.history.find((h) => h.event.type === 'report')?.signature?.status).toBe('valid');
  });

  it('blobs.read: NOT_FOUND for bytes this machine does not hold; a malformed hash is BAD_INPUT', async () => {
    expect(await call('blobs.read', { sm3: 'ab'.repeat(32), offset: 0, length: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '附件文件尚未同步到本机,请稍后再试' } });
    expect(await call('blobs.read', { sm3: 'XYZ', offset: 0, length: 10 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
