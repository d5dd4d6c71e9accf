import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import { MiB } from '../../core/blobs/limits';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { BLOB_DB_FILE } from './blob-db';
import { BlobStore } from './blob-store';

const stores: BlobStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

function open(dir = tempDir('xietong-blobs-')): BlobStore {
  const store = BlobStore.open({ dir });
  stores.push(store);
  return store;
}

const bytes = (n: number, seed = 1) => new Uint8Array(n).map((_, i) => (i * 131 + seed) % 251);
const hex = (b: Uint8Array) => toHex(sm3(b));
async function* chunks(data: Uint8Array, size = 65536) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('BlobStore', () => {
  it('imports bytes under their SM3 in ab/<sm3>, reads them back in ranges and reports them 本机已有', async () => {
    const store = open();
    const data = bytes(300_000);
    const key = await store.importBytes(data, 'local');
    expect(key).toBe(hex(data));
    expect(fs.existsSync(path.join(store.files.root, key.slice(0, 2), key))).toBe(true);
    const part = await store.read(key, 1000, 5000);
    expect(part.size).toBe(data.length);
    expect(Buffer.from(part.data).equals(Buffer.from(data.subarray(1000, 6000)))).toBe(true);
    expect((await store.read(key, data.length - 10, 100)).data.length).toBe(10);
    expect(store.status([key, 'f'.repeat(64)])).toEqual([
      { sm3: key, state: 'present', received: data.length, size: data.length, uploaded: false },
      { sm3: 'f'.repeat(64), state: 'missing', received: 0, size: null, uploaded: false },
    ]);
  });

  it('the same bytes twice are one blob; flags merge (shared, uploaded) and never go back', async () => {
    const store = open();
    const data = bytes(1000);
    const key = await store.importBytes(data, 'local');
    store.share([key]);
    expect(store.pendingUploads().map((r) => r.sm3)).toEqual([key]);
    store.markUploaded(key);
    await store.importBytes(data, 'migrated');
    expect(store.row(key)).toMatchObject({ state: 'present', origin: 'local', share: 1, uploaded: 1 });
    expect(store.pendingUploads()).toEqual([]);
  });

  it('a wanted blob downloads in pieces across restarts, shows 附件同步中 with its progress, and is checked before it is kept', async () => {
    const dir = tempDir('xietong-blobs-');
    let store = open(dir);
    const data = bytes(6 * MiB + 123);
    const key = hex(data);
    store.want(key, null);
    expect(store.status([key])[0]).toMatchObject({ state: 'missing', size: null });
    expect(store.pendingDownloads().map((r) => r.sm3)).toEqual([key]);
    // The connection drops after 5 MiB.
    await store.receive(key, 0, data.length, chunks(data.subarray(0, 5 * MiB)));
    expect(store.status([key])[0]).toMatchObject({ state: 'syncing', received: 5 * MiB, size: data.length });
    store.close();
    stores.splice(stores.indexOf(store), 1);
    store = open(dir);
    const from = await store.partialLength(key);
    expect(from).toBe(5 * MiB);
    await store.receive(key, from, data.length, chunks(data.subarray(from)));
    await store.commitPartial(key);
    expect(store.row(key)).toMatchObject({ state: 'present', origin: 'remote', uploaded: 1, size: data.length });
    expect(Buffer.from((await store.read(key, 0, 100)).data).equals(Buffer.from(data.subarray(0, 100)))).toBe(true);
    expect(fs.existsSync(store.files.partial(key))).toBe(false);
  });

  it('a download whose bytes do not match the name is dropped and wanted again, never served', async () => {
    const store = open();
    const data = bytes(10_000);
    const key = hex(bytes(10_000, 2));
    store.want(key, data.length);
    await store.receive(key, 0, data.length, chunks(data));
    await expect(store.commitPartial(key)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.row(key)).toMatchObject({ state: 'wanted', received: 0 });
    await expect(store.read(key, 0, 10)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.receive(key, 0, 10, chunks(bytes(11)))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a blob file changed or cut short on disk is detected at the next read, set aside and wanted again', async () => {
    const store = open();
    const data = bytes(200_000);
    const key = await store.importBytes(data, 'local');
    const file = store.files.final(key);
    // Same size, different bytes, a later modification time: caught by the SM3 re-check.
    const evil = Buffer.from(data);
    evil[1000] = 255 - evil[1000]!;
    fs.writeFileSync(file, evil);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await expect(store.read(key, 0, 10)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.row(key)).toMatchObject({ state: 'wanted' });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.join(store.files.root, 'corrupt'))).toHaveLength(1);

    const other = bytes(5000, 9);
    const key2 = await store.importBytes(other, 'local');
    fs.truncateSync(store.files.final(key2), 100);
    await expect(store.openRead(key2)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('rebuilds a lost or corrupt index from the files (checked before their first read) and keeps the blobs', async () => {
    const dir = tempDir('xietong-blobs-');
    let store = open(dir);
    const data = bytes(4096);
    const key = await store.importBytes(data, 'remote');
    store.close();
    stores.length = 0;
    fs.writeFileSync(path.join(dir, 'blobs', BLOB_DB_FILE), 'this is not a database, just some text that is long enough to have a header');
    fs.rmSync(path.join(dir, 'blobs', `${BLOB_DB_FILE}-wal`), { force: true });
    store = open(dir);
    expect(store.row(key)).toMatchObject({ state: 'present', size: 4096, share: 1, uploaded: 0, checked_mtime: null });
    expect(Buffer.from((await store.read(key, 0, 4096)).data).equals(Buffer.from(data))).toBe(true);
    expect(store.row(key)?.checked_size).toBe(4096);
    expect(fs.readdirSync(path.join(dir, 'blobs')).some((n) => n.startsWith(`${BLOB_DB_FILE}.corrupt-`))).toBe(true);
  });

  it('the file size limit is a profile setting, 200 MiB by default', () => {
    const dir = tempDir('xietong-blobs-');
    let store = open(dir);
    expect(store.maxBytes()).toBe(200 * MiB);
    store.setMaxMib(500);
    expect(() => store.setMaxMib(0)).toThrow(/附件大小上限/);
    store.close();
    stores.length = 0;
    store = open(dir);
    expect(store.maxBytes()).toBe(500 * MiB);
  });
});
