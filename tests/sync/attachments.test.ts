import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BlobStatus } from '../../core/ipc/blobs';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { BlobRef } from '../../core/kernel/event';
import { filesOf } from '../../core/records/record-doc';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { openApp, type OpenedApp } from '../../main/app/open-app';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';


const MiB = 1024 * 1024;

/**
 * 进展反馈 attachments as blobs between two app profiles through a real sync server: a report made
 * offline with a 12 MiB file (more than the old per-record limit) is pushed and its file uploaded
 * when the server is back; the 督查室's profile gets the report, shows the file 未同步 / 附件同步中
 * until it has arrived, then reads the same bytes; a file uploaded but left out of the report
 * never reaches the server.
 */
describe('attachments through the sync server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const apps: OpenedApp[] = [];
  beforeAll(async () => {
    // Directory logins: a profile logged in acts as its account, with the directory's unit and role.
    addUser(dataDir, 'dcs.lin', { name: '林督查', unit: '市政府督查室' });
    addUser(dataDir, 'spj.zhang', { name: '张敏', unit: '市审批管理局' });
    server = await startSyncServer({ dataDir, args: ['--head-delay-ms', '10'] });
  });
  afterAll(async () => {
    for (const app of apps) app.close();
    await server?.stop('SIGKILL');
  });

  /** A profile as the app opens it: store, handlers, sync binding (engine + blob transfer), blob upkeep. */
  function profile(login: string) {
    const app = openApp({
      dataDir: tempDir('xietong-app-'),
      shell: 'web',
      autoSeed: false,
      now: () => new Date('2022-06-20T02:00:00Z'),
      sync: { connect: { url: server.wsUrl, token: tokenFor(dataDir, login) }, engine: { backoffBaseMs: 20, backoffMaxMs: 300 } },
    });
    apps.push(app);
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      let result = await app.dispatch(channel, input);
      // The app asks for the key's PIN once per session: the user types the demo PIN.
      if (!result.ok && result.error.code === 'PIN_REQUIRED') {
        await app.dispatch('signing.unlock', { pin: '123456' });
        result = await app.dispatch(channel, input);
      }
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as T;
    };
    const act = async (id: string, action: unknown) => {
      const { head } = await call<SupervisionDetail>('supervision.get', { id });
      return call<SupervisionDetail>('supervision.act', { id, basis: head, action });
    };
    const attach = async (id: string, name: string, data: Uint8Array): Promise<AttachmentRef> => {
      const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>('blobs.begin', { name, mime: 'application/pdf', size: data.length });
      for (let offset = 0; offset < data.length; offset += chunkBytes) await call('blobs.put', { uploadId, offset, dataBase64: Buffer.from(data.subarray(offset, offset + chunkBytes)).toString('base64') });
      const ref = await call<BlobRef>('blobs.finish', { uploadId });
      return call<AttachmentRef>('supervision.attachFile', { id, ...ref });
    };
    const status = async (sm3: string) => (await call<{ blobs: BlobStatus[] }>('blobs.status', { sm3s: [sm3] })).blobs[0]!;
    const read = async (sm3: string, size: number) => {
      const parts: Buffer[] = [];
      for (let offset = 0; offset < size; offset += MiB) parts.push(Buffer.from((await call<{ dataBase64: string }>('blobs.read', { sm3, offset, length: MiB })).dataBase64, 'base64'));
      return Buffer.concat(parts);
    };
    return { app, call, act, attach, status, read };
  }

  it('a report made offline uploads its file on reconnect; the other profile shows 未同步 / 附件同步中, then reads the same bytes; a file left out never leaves', async () => {
    const office = profile('dcs.lin');
    const unit = profile('spj.zhang');
    const item = await office.call<SupervisionDetail>('supervision.create', { title: '推进政务数据共享', deadline: '2022-06-30', lead: ['市审批管理局'] });
    await office.act(item.id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    await office.app.sync.whenIdle();
    await until(() => unit.app.store.has(item.id) && unit.app.store.events(item.id).some((e) => e.event.type === 'assign'), 'the unit receives the assigned item');

    // The server goes away; the unit reports with a file meanwhile.
    await server.stop();
    const data = randomBytes(12 * MiB + 5);
    const dropped = await unit.attach(item.id, '误选的文件.pdf', randomBytes(MiB));
    const kept = await unit.attach(item.id, '数据共享清单(第二批).pdf', data);
    await unit.act(item.id, { type: 'report', unit: '市审批管理局', text: '第二批共享清单已报送', percent: 60, attachments: [kept] });
    expect(await unit.status(kept.sm3)).toMatchObject({ state: 'present', uploaded: false });

    server = await startSyncServer({ dataDir, port: server.port, args: ['--head-delay-ms', '10'] });
    const hasReport = () => office.app.store.events(item.id).some((e) => e.event.type === 'report');
    await until(hasReport, 'the office receives the report');
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const s = await office.status(kept.sm3);
      seen.add(s.state);
      if (s.state === 'present') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.has('present')).toBe(true);
    // Before it arrived it was shown as not here yet (未同步, or 附件同步中 while bytes came in).
    expect([...seen].some((s) => s === 'missing' || s === 'syncing')).toBe(true);
    expect((await office.read(kept.sm3, data.length)).equals(data)).toBe(true);
    expect(await unit.status(kept.sm3)).toMatchObject({ state: 'present', uploaded: true });
    const report = (await office.call<SupervisionDetail>('supervision.get', { id: item.id })).reports[0]!;
    expect(report.attachments).toEqual([kept]);
    // The record carries the ref, not the bytes.
    expect(filesOf(office.app.store.getDoc(item.id)).size).toBe(0);
    expect(Y.encodeStateAsUpdate(office.app.store.getDoc(item.id)).length).toBeLessThan(64 * 1024);
    // The file left out was never uploaded.
    const head = await fetch(`${server.httpUrl}/blobs/${dropped.sm3}`, { method: 'HEAD', headers: { Authorization: `Bearer ${tokenFor(dataDir, 'spj.zhang')}` } });
    expect(head.headers.get('x-blob-state')).toBe('none');
  });
});
