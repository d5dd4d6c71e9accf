import type { Api } from '../../../core/ipc/client';
import type { BlobRef } from '../../../core/kernel/event';
import type { Result } from '../../../core/result';

export type BlobsApi = Pick<Api, 'blobs'>;

/** A slice of a file as base64 (btoa over pieces: no stack overflow on a 1 MiB chunk). */
export async function blobToBase64(part: Blob): Promise<string> {
  const bytes = new Uint8Array(await part.arrayBuffer());
  let binary = '';
  const PIECE = 0x8000;
  for (let i = 0; i < bytes.length; i += PIECE) binary += String.fromCharCode(...bytes.subarray(i, i + PIECE));
  return btoa(binary);
}

export interface UploadOptions {
  /** Bytes sent so far of the total, after every chunk. */
  onProgress?: (sent: number, total: number) => void;
  /** Aborting cancels the upload: what was sent is dropped in main. */
  signal?: AbortSignal;
}

/**
 * Sends a chosen file to the profile's blob store in chunks (blobs.begin / put / finish), so a
 * 200 MiB file never crosses IPC or the web host whole; resolves with its BlobRef
 * `{name, sm3, size, mime}` to put in an event. A failure or a cancel leaves nothing behind.
 */
export async function uploadBlob(api: BlobsApi, file: Blob, name: string, mime: string, opts: UploadOptions = {}): Promise<Result<BlobRef>> {
  const begun = await api.blobs.begin({ name, mime, size: file.size });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  const cancel = async (error: Result<never>): Promise<Result<never>> => {
    await api.blobs.cancel({ uploadId });
    return error;
  };
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    if (opts.signal?.aborted) return cancel({ ok: false, error: { code: 'CONFLICT', message: `已取消上传“${name}”` } });
    const part = file.slice(offset, offset + chunkBytes);
    const put = await api.blobs.put({ uploadId, offset, dataBase64: await blobToBase64(part) });
    if (!put.ok) return cancel(put);
    opts.onProgress?.(put.value.received, file.size);
  }
  return api.blobs.finish({ uploadId });
}
