import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesOf } from '../../core/records/record-doc';
import { fileKey, MAX_FILE_BYTES, MAX_RECORD_FILES_BYTES, readStoredFile, storedFilesBytes } from '../../core/supervision/attachments';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';

/**
 * A record's `files` map (attachments of 进展反馈 / 办结申请) through the real sync server: a 5 MB
 * file as one push, and a record at the 12 MB limit as the one message a new replica receives.
 */
describe('attachment bytes through the sync server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const engines: SyncEngine[] = [];
  const engine = (login: string) => {
    const storage = new MemoryStorage();
    const e = new SyncEngine({ storage, url: server.wsUrl, token: tokenFor(dataDir, login), backoffBaseMs: 20, backoffMaxMs: 300 });
    engines.push(e);
    e.start();
    return { e, storage };
  };
  beforeAll(async () => {
    addUser(dataDir, 'alice', { unit: '市审批管理局' });
    addUser(dataDir, 'bob', { unit: '市审批管理局' });
    server = await startSyncServer({ dataDir, args: ['--head-delay-ms', '10'] });
  });
  afterAll(async () => {
    for (const e of engines) e.destroy();
    await server?.stop('SIGKILL');
  });

  const put = (storage: MemoryStorage, doc: string, name: string, data: Uint8Array) =>
    filesOf(storage.doc(doc)).set(fileKey(data), { name, mime: 'application/pdf', size: data.length, data });

  it('a file written on one replica can be read, byte for byte, on another', async () => {
    const a = engine('alice');
    const b = engine('bob');
    await a.e.whenIdle();
    const data = randomBytes(MAX_FILE_BYTES);
    put(a.storage, 'item-files', '验收报告.pdf', data);
    await a.e.whenIdle();
    expect(a.e.status()).toMatchObject({ pending: 0, error: null });
    await until(() => b.storage.docs.has('item-files') && readStoredFile(b.storage.doc('item-files'), fileKey(data)) !== null, 'bob receives the file');
    expect(Buffer.from(readStoredFile(b.storage.doc('item-files'), fileKey(data))!.data).equals(data)).toBe(true);
  });

  it('a record holding the most files allowed reaches a replica that joins later', async () => {
    const a = engine('alice');
    const sizes = [MAX_FILE_BYTES, MAX_FILE_BYTES, MAX_RECORD_FILES_BYTES - 2 * MAX_FILE_BYTES];
    const files = sizes.map((n) => randomBytes(n));
    files.forEach((data, i) => put(a.storage, 'item-full', `附件${i + 1}.pdf`, data));
    await a.e.whenIdle();
    expect(a.e.status()).toMatchObject({ pending: 0, error: null });
    const late = engine('bob');
    await until(() => late.storage.docs.has('item-full') && storedFilesBytes(late.storage.doc('item-full')) === MAX_RECORD_FILES_BYTES, 'the late replica receives every file');
    for (const data of files) expect(readStoredFile(late.storage.doc('item-full'), fileKey(data))).not.toBeNull();
  });
});
