import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import { SEED_INTAKE_FIELDS } from '../../core/intake/testing/seed-fields';
import type { BlobRef } from '../../core/kernel/event';
import type { IntakeExtract } from '../../core/ipc/intake';
import type { Result } from '../../core/result';
import { createAppDispatch } from '../app/handlers-index';
import { BlobServices } from '../blobs/services';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { extractFromBlob, type IntakeBlobs } from './handlers';

const SEED = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../seeds/xiamen-2022-digital-work-points.txt')));

/** An in-memory blob store with one finished upload. */
function memoryBlobs(uploads: Record<string, { name: string; mime: string; data: Uint8Array }>): IntakeBlobs & { held: Map<string, Uint8Array> } {
  const held = new Map<string, Uint8Array>();
  return {
    held,
    finish: async (uploadId): Promise<BlobRef> => {
      const u = uploads[uploadId];
      if (!u) throw new Error('no upload');
      const key = toHex(sm3(u.data));
      held.set(key, u.data);
      return { name: u.name, sm3: key, size: u.data.length, mime: u.mime };
    },
    read: async (key) => held.get(key) ?? null,
  };
}

describe('intake.extract', () => {
  it('finishes an upload, reads its header and returns the file as the 原件', async () => {
    const blobs = memoryBlobs({ u1: { name: '厦府办〔2022〕47号.txt', mime: 'text/plain', data: SEED } });
    const r = await extractFromBlob(blobs, { uploadId: 'u1' });
    expect(r.fields).toEqual(SEED_INTAKE_FIELDS);
    expect(r.missing).toEqual([]);
    expect(r.original).toEqual({ name: '厦府办〔2022〕47号.txt', sm3: toHex(sm3(SEED)), size: SEED.length, mime: 'text/plain' });
    // The same blob again, by its SM3.
    const again = await extractFromBlob(blobs, { sm3: r.original.sm3, name: '原件.txt', mime: 'text/plain' });
    expect(again.original).toEqual({ ...r.original, name: '原件.txt' });
  });

  it('a blob this machine lacks is NOT_FOUND; a file it cannot read is BAD_INPUT, with the reason', async () => {
    const blobs = memoryBlobs({ png: { name: 'scan.png', mime: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) } });
    await expect(extractFromBlob(blobs, { sm3: 'a'.repeat(64), name: 'x.pdf', mime: 'application/pdf' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(extractFromBlob(blobs, { uploadId: 'png' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('不支持的文件格式') });
  });
});

describe('intake.extract through the app (blob store, dispatcher)', () => {
  it('uploads with blobs.begin/put, then reads the file: by its upload, and again by its SM3', async () => {
    const dir = tempDir('xietong-intake-');
    const store = Store.open({ dir });
    const blobs = new BlobServices({ dir });
    try {
      const dispatch = createAppDispatch({ store, shell: 'web', blobs });
      const ok = async <T>(channel: string, input: unknown): Promise<T> => {
        const r = (await dispatch(channel, input)) as Result<T>;
        if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
        return r.value;
      };
      const { uploadId } = await ok<{ uploadId: string }>('blobs.begin', { name: '来文.txt', mime: 'text/plain', size: SEED.length });
      await ok('blobs.put', { uploadId, offset: 0, dataBase64: Buffer.from(SEED).toString('base64') });
      const r = await ok<IntakeExtract>('intake.extract', { uploadId });
      expect(r.fields).toEqual(SEED_INTAKE_FIELDS);
      expect(r.original).toEqual({ name: '来文.txt', sm3: toHex(sm3(SEED)), size: SEED.length, mime: 'text/plain' });
      expect((await ok<IntakeExtract>('intake.extract', { sm3: r.original.sm3, name: '来文.txt' })).missing).toEqual([]);
      const missing = (await dispatch('intake.extract', { sm3: 'b'.repeat(64), name: 'x.pdf' })) as Result<unknown>;
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      blobs.close();
      store.close();
      removeTempDirs();
    }
  });
});
