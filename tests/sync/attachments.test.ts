import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { filesOf } from '../../core/records/record-doc';
import { SupervisionAction, type SupervisionActionInput } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import { fileKey, MAX_FILE_BYTES, MAX_RECORD_FILES_BYTES, readStoredFile, storedFilesBytes, type AttachmentRef } from '../../core/supervision/attachments';
import { readSupervisionEvents } from '../../core/supervision/events';
import { SupervisionCreate } from '../../core/supervision/model';
import { SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import { Store } from '../../main/store/store';
import { supervisionHandlers } from '../../main/supervision/handlers';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { StoreStorage } from '../../main/sync/store-storage';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const alice = person('alice', '市审批管理局');

/**
 * A record's `files` map (attachments of 进展反馈 / 办结申请) through the real sync server: a 5 MB
 * file as one push, a record at the 12 MB limit as the one message a new replica receives, and
 * (through the app's handlers and store) a report whose file arrives with it, while a file
 * uploaded but left out of the report never leaves the uploader's machine.
 */
describe('attachment bytes through the sync server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const engines: SyncEngine[] = [];
  const stores: Store[] = [];
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
    for (const s of stores) s.close();
    await server?.stop('SIGKILL');
  });

  const put = (storage: MemoryStorage, doc: string, name: string, data: Uint8Array) =>
    filesOf(storage.doc(doc)).set(fileKey(data), { name, mime: 'application/pdf', size: data.length, data });

  it('a file written on one replica can be read, byte for byte, on another', async () => {
    const a = engine('alice');
    const b = engine('bob');
    await a.e.whenIdle();
    const data = randomBytes(MAX_FILE_BYTES);
    a.storage.create('item-files', 'note', alice);
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
    a.storage.create('item-full', 'note', alice);
    files.forEach((data, i) => put(a.storage, 'item-full', `附件${i + 1}.pdf`, data));
    await a.e.whenIdle();
    expect(a.e.status()).toMatchObject({ pending: 0, error: null });
    const late = engine('bob');
    await until(() => late.storage.docs.has('item-full') && storedFilesBytes(late.storage.doc('item-full')) === MAX_RECORD_FILES_BYTES, 'the late replica receives every file');
    for (const data of files) expect(readStoredFile(late.storage.doc('item-full'), fileKey(data))).not.toBeNull();
  });

  /** A profile as the app has it: SQLite store, 督办 handlers and the sync engine over the store. */
  function profile(login: string) {
    const store = Store.open({ dir: tempDir() });
    stores.push(store);
    let actor: Actor = SPJ;
    const api = supervisionHandlers({ store, now: () => new Date('2022-06-20T02:00:00Z'), actor: () => actor });
    const e = new SyncEngine({ storage: new StoreStorage(store), url: server.wsUrl, token: tokenFor(dataDir, login), backoffBaseMs: 20, backoffMaxMs: 300 });
    engines.push(e);
    e.start();
    const as = <T>(who: Actor, f: () => unknown): T => {
      actor = who;
      return f() as T;
    };
    const act = (who: Actor, id: string, action: SupervisionActionInput) =>
      as<SupervisionDetail>(who, () => api.act({ id, basis: (api.get({ id }) as SupervisionDetail).head, action: SupervisionAction.parse(action) }));
    const attach = (id: string, name: string, data: Uint8Array) =>
      as<AttachmentRef>(SPJ, () => api.attachFile({ id, name, mime: 'application/pdf', dataBase64: Buffer.from(data).toString('base64') }));
    return { store, e, api, as, act, attach };
  }

  it('a report and its file arrive together; a file left out of it never leaves the unit', async () => {
    const unit = profile('alice');
    const office = profile('bob');
    // Bob's replica checks every update it applies: a report must never be there without its bytes.
    const missing: string[] = [];
    office.store.onUpdate((id, _update, origin) => {
      if (origin !== 'remote') return;
      const doc = office.store.getDoc(id);
      for (const event of readSupervisionEvents(doc).events) {
        for (const a of (event.payload as { attachments?: AttachmentRef[] }).attachments ?? []) if (!readStoredFile(doc, a.sm3)) missing.push(a.name);
      }
    });
    const id = unit.as<SupervisionDetail>(SUPERVISOR, () => unit.api.create(SupervisionCreate.parse({ title: '推进政务数据共享', deadline: '2022-06-30', lead: ['市审批管理局'] }))).id;
    unit.act(SUPERVISOR, id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    await unit.e.whenIdle();
    await until(() => office.store.has(id), 'bob receives the item');

    const dropped = unit.attach(id, '误选的文件.pdf', randomBytes(3 * 1024 * 1024));
    const kept = unit.attach(id, '共享清单.pdf', randomBytes(MAX_FILE_BYTES));
    expect(unit.e.status()).toMatchObject({ pending: 0 });
    unit.act(SPJ, id, { type: 'report', unit: '市审批管理局', text: '第二批共享清单已报送', percent: 60, attachments: [kept] });
    await unit.e.whenIdle();
    expect(unit.e.status()).toMatchObject({ pending: 0, error: null });
    await until(() => readSupervisionEvents(office.store.getDoc(id)).events.some((e) => e.type === 'report'), 'bob receives the report');
    expect(missing).toEqual([]);
    expect([...filesOf(office.store.getDoc(id)).keys()]).toEqual([kept.sm3]);
    expect(readStoredFile(office.store.getDoc(id), dropped.sm3)).toBeNull();
    expect(storedFilesBytes(office.store.getDoc(id))).toBe(MAX_FILE_BYTES);
  });
});
