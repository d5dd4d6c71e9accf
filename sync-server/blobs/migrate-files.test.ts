import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import { AccountRepository } from '../../core/sync/accounts';
import { eventsOf, filesOf } from '../../core/records/record-doc';
import { AccessControl } from '../auth/access';
import { SqliteDocStore } from '../persistence/sqlite';
import { migrateLegacyFiles, MIGRATION_ORIGIN } from './migrate-files';
import { BlobService } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const stateSize = async (store: SqliteDocStore, id: number) => (await store.state(id)).reduce((n, u) => n + u.length, 0);

describe('moving old files entries out of records on the server', () => {
  it('writes the bytes as blobs with refs, deletes the entries in one logged update, compacts, and does it once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-blobmig-'));
    dirs.push(dataDir);
    const store = new SqliteDocStore({ dir: dataDir });
    const accounts = new AccountRepository(store.db);
    accounts.putUser({ login: 'alice', name: '张敏', units: ['市审批管理局'], role: 'staff' });
    accounts.putUser({ login: 'bob', name: '李强', units: ['市财政局'], role: 'staff' });
    const data = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 13) % 256);
    const key = toHex(sm3(data));
    const doc = new Y.Doc();
    doc.transact(() => {
      filesOf(doc).set(key, { name: '进展说明.docx', mime: 'application/msword', size: data.length, data });
      eventsOf(doc).push([{ id: 'r1', type: 'report', actor: 'alice', at: '2022-06-20T03:00:00.000Z', basis: null, payload: { attachments: [{ name: '进展说明.docx', sm3: key, size: data.length }] } }]);
    });
    const create = { id: 'c1', type: 'create', actor: 'alice', by: { login: 'alice', name: '张敏', unit: '市审批管理局', role: 'unit_staff' }, at: '2022-06-20T02:00:00.000Z', basis: null, payload: { kind: 'supervision' } };
    const [made] = store.appendSync([
      { type: 'event', name: '督办-1', seq: 1, eventId: 'c1', data: JSON.stringify(create), create: { kind: 'supervision', creatorUnits: ['市审批管理局'] } },
      { type: 'update', name: '督办-1', update: Y.encodeStateAsUpdate(doc), origin: 's1' },
    ]);
    const before = await stateSize(store, made!.docId);
    const access = new AccessControl(accounts);
    const blobs = new BlobService({ dataDir, db: store.db, accounts, authenticate: (t) => access.authenticate(t), log: pino({ level: 'silent' }), limits: { maxBlobBytes: 1 << 30, dailyBytes: 1 << 30, inflightBytes: 1 << 30 } });
    const run = () => migrateLegacyFiles({ store, blobs, log: pino({ level: 'silent' }), now: Date.now, retainLogMs: 0 });
    expect(await run()).toEqual({ docs: 1, files: 1, bytes: data.length });
    expect(fs.readFileSync(blobs.files.final(key)).equals(Buffer.from(data))).toBe(true);
    expect(blobs.repo.mayRead(accounts.getUser('alice')!, key)).toBe(true);
    expect(blobs.repo.mayRead(accounts.getUser('bob')!, key)).toBe(false);
    const after = new Y.Doc();
    for (const u of await store.state(made!.docId)) Y.applyUpdate(after, u);
    expect(filesOf(after).size).toBe(0);
    expect(eventsOf(after).length).toBe(1);
    expect(await stateSize(store, made!.docId)).toBeLessThan(before - data.length + 10_000);
    // The deletion was logged as an ordinary update (relayed by the feed); the old bytes left the log (retention 0 here).
    const logged = store.db.prepare('SELECT origin, length(data) AS n FROM updates WHERE doc_id = ? ORDER BY seq').all(made!.docId) as { origin: string; n: number }[];
    expect(logged.every((u) => u.origin === MIGRATION_ORIGIN && u.n < 1024)).toBe(true);
    expect(await run()).toBeNull();
    store.close();
  });
});
