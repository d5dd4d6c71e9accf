import { describe, expect, it } from 'vitest';
import { toHex } from '../../../core/crypto/bytes';
import { sm3 } from '../../../core/crypto/sm3';
import type { Result } from '../../../core/result';
import { downloadBlob } from './blob-download';
import { uploadBlob, type BlobsApi } from './blob-upload';

/** The blobs.* methods over a map, checking what the renderer sends as main would. */
function fakeBlobs(chunkBytes = 1024) {
  const uploads = new Map<string, { name: string; mime: string; size: number; parts: Uint8Array[] }>();
  const stored = new Map<string, Uint8Array>();
  const calls: string[] = [];
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
  const api = {
    blobs: {
      begin: ({ name, mime, size }: { name: string; mime: string; size: number }) => {
        calls.push('begin');
        uploads.set('u1', { name, mime, size, parts: [] });
        return ok({ uploadId: 'u1', chunkBytes, maxBytes: 1 << 30 });
      },
      put: ({ uploadId, offset, dataBase64 }: { uploadId: string; offset: number; dataBase64: string }) => {
        calls.push(`put@${offset}`);
        const u = uploads.get(uploadId)!;
        u.parts.push(Uint8Array.from(Buffer.from(dataBase64, 'base64')));
        return ok({ received: u.parts.reduce((n, p) => n + p.length, 0) });
      },
      finish: ({ uploadId }: { uploadId: string }) => {
        calls.push('finish');
        const u = uploads.get(uploadId)!;
        const data = Buffer.concat(u.parts);
        const key = toHex(sm3(data));
        stored.set(key, data);
        return ok({ name: u.name, sm3: key, size: data.length, mime: u.mime });
      },
      cancel: () => {
        calls.push('cancel');
        return ok({});
      },
      read: ({ sm3: key, offset, length }: { sm3: string; offset: number; length: number }) => {
        const data = stored.get(key)!;
        return ok({ dataBase64: Buffer.from(data.subarray(offset, offset + length)).toString('base64'), size: data.length });
      },
    },
  } as unknown as BlobsApi;
  return { api, calls, stored };
}

describe('renderer blob helpers', () => {
  it('uploads a file in chunks with progress and downloads it back, checked against its SM3', async () => {
    const { api, calls, stored } = fakeBlobs();
    const data = new Uint8Array(2500).map((_, i) => i % 256);
    const progress: number[] = [];
    const ref = await uploadBlob(api, new Blob([data]), '督查通报(第3期).pdf', 'application/pdf', { onProgress: (sent) => progress.push(sent) });
    expect(ref.ok && ref.value).toEqual({ name: '督查通报(第3期).pdf', sm3: toHex(sm3(data)), size: 2500, mime: 'application/pdf' });
    expect(calls).toEqual(['begin', 'put@0', 'put@1024', 'put@2048', 'finish']);
    expect(progress).toEqual([1024, 2048, 2500]);
    if (!ref.ok) return;
    const saved: Array<{ name: string; file: Blob }> = [];
    const got = await downloadBlob(api, ref.value, { save: (file, name) => saved.push({ name, file }) });
    expect(got.ok).toBe(true);
    expect(saved[0]?.name).toBe('督查通报(第3期).pdf');
    expect(Buffer.from(await saved[0]!.file.arrayBuffer()).equals(Buffer.from(data))).toBe(true);
    // Bytes that are not what the ref says are not saved.
    stored.set(ref.value.sm3, new Uint8Array(2500));
    const refused = await downloadBlob(api, ref.value, { save: (file, name) => saved.push({ name, file }) });
    expect(refused.ok ? null : refused.error.message).toContain('内容与校验值不符');
    expect(saved).toHaveLength(1);
  });

  it('an aborted upload is cancelled in main', async () => {
    const { api, calls } = fakeBlobs();
    const abort = new AbortController();
    const result = await uploadBlob(api, new Blob([new Uint8Array(3000)]), 'a.bin', '', { onProgress: () => abort.abort(), signal: abort.signal });
    expect(result.ok).toBe(false);
    expect(calls).toEqual(['begin', 'put@0', 'cancel']);
  });
});
