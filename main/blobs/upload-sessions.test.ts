import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import { IPC_CHUNK_BYTES, MiB } from '../../core/blobs/limits';
import { blobsContract } from '../../core/ipc/blobs';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { blobHandlers } from './handlers';
import { BlobServices } from './services';

const opened: BlobServices[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  removeTempDirs();
});

function services(now = () => Date.now()) {
  const s = new BlobServices({ dir: tempDir('xietong-uploads-'), now });
  opened.push(s);
  return { s, api: blobHandlers(s) };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const bytes = (n: number) => new Uint8Array(n).map((_, i) => (i * 7 + 3) % 256);

describe('blobs.begin / put / finish / read / status', () => {
  it('a file sent in 1 MiB chunks becomes a blob named by its SM3; it reads back in chunks; nothing is left in uploads/', async () => {
    const { s, api } = services();
    const data = bytes(2 * IPC_CHUNK_BYTES + 5);
    const name = '2022年第二季度督查情况报告(送审稿).pdf';
    const { uploadId, chunkBytes, maxBytes } = await api.begin({ name, mime: 'application/pdf', size: data.length });
    expect([chunkBytes, maxBytes]).toEqual([IPC_CHUNK_BYTES, 200 * MiB]);
    for (let off = 0; off < data.length; off += chunkBytes) {
      expect(await api.put({ uploadId, offset: off, dataBase64: b64(data.subarray(off, off + chunkBytes)) })).toEqual({ received: Math.min(off + chunkBytes, data.length) });
    }
    const ref = await api.finish({ uploadId });
    expect(ref).toEqual({ name, sm3: toHex(sm3(data)), size: data.length, mime: 'application/pdf' });
    expect(fs.readdirSync(path.join(s.store.files.root, 'uploads'))).toEqual([]);
    const parts: Buffer[] = [];
    for (let off = 0; off < data.length; off += IPC_CHUNK_BYTES) parts.push(Buffer.from((await api.read({ sm3: ref.sm3, offset: off, length: IPC_CHUNK_BYTES })).dataBase64, 'base64'));
    expect(Buffer.concat(parts).equals(Buffer.from(data))).toBe(true);
    expect((await api.status({ sm3s: [ref.sm3] })).blobs[0]).toMatchObject({ state: 'present', received: data.length });
  });

  it('a chunk sent twice (a lost reply) is acknowledged once; a gap or an overflow is refused; a short file cannot finish', async () => {
    const { api } = services();
    const data = bytes(3000);
    const { uploadId } = await api.begin({ name: 'a.txt', mime: '', size: data.length });
    await api.put({ uploadId, offset: 0, dataBase64: b64(data.subarray(0, 1000)) });
    expect(await api.put({ uploadId, offset: 0, dataBase64: b64(data.subarray(0, 1000)) })).toEqual({ received: 1000 });
    await expect(api.put({ uploadId, offset: 2000, dataBase64: b64(data.subarray(2000)) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('第 1000 字节') });
    await expect(api.put({ uploadId, offset: 1000, dataBase64: b64(bytes(2001)) })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('超过声明的大小') });
    await expect(api.put({ uploadId, offset: 1000, dataBase64: '不是base64' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(api.finish({ uploadId })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('1000 / 3000') });
    await api.put({ uploadId, offset: 1000, dataBase64: b64(data.subarray(1000)) });
    expect((await api.finish({ uploadId })).mime).toBe('application/octet-stream');
    await expect(api.put({ uploadId, offset: 0, dataBase64: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a file over the profile limit before any byte is sent, and the contract refuses chunks over 1 MiB', async () => {
    const { s, api } = services();
    s.store.setMaxMib(1);
    await expect(api.begin({ name: '扫描件.pdf', mime: 'application/pdf', size: MiB + 1 })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('单个附件不能超过 1.0 MB') });
    const big = blobsContract.blobs.put.input.safeParse({ uploadId: '00000000-0000-0000-0000-000000000000', offset: 0, dataBase64: 'A'.repeat(Math.ceil(IPC_CHUNK_BYTES / 3) * 4 + 4) });
    expect(big.success).toBe(false);
  });

  it('a cancelled or abandoned upload leaves nothing behind', async () => {
    let now = 0;
    const { s, api } = services(() => now);
    const a = await api.begin({ name: 'a', mime: '', size: 10 });
    await api.put({ uploadId: a.uploadId, offset: 0, dataBase64: b64(bytes(5)) });
    await api.cancel({ uploadId: a.uploadId });
    const b = await api.begin({ name: 'b', mime: '', size: 10 });
    now += 3 * 60 * 60 * 1000;
    await api.begin({ name: 'c', mime: '', size: 10 });
    await expect(api.finish({ uploadId: b.uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('请重新上传') });
    expect(fs.readdirSync(path.join(s.store.files.root, 'uploads'))).toHaveLength(1);
  });

  it('status of a blob this machine never heard of marks it wanted (it will be fetched) and says 未同步', async () => {
    const { s, api } = services();
    const sm3s = ['e'.repeat(64)];
    expect((await api.status({ sm3s })).blobs).toEqual([{ sm3: sm3s[0], state: 'missing', received: 0, size: null, uploaded: false }]);
    expect(s.store.pendingDownloads().map((r) => r.sm3)).toEqual(sm3s);
    await expect(api.read({ sm3: sm3s[0]!, offset: 0, length: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('尚未同步到本机') });
  });
});
