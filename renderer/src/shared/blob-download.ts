import { toHex } from '../../../core/crypto/bytes';
import { Sm3 } from '../../../core/crypto/sm3';
import type { Result } from '../../../core/result';
import type { BlobsApi } from './blob-upload';
import { base64Bytes, saveFile } from './download';

export interface DownloadRef {
  name: string;
  sm3: string;
  size: number;
  mime?: string;
}

/**
 * Reads a blob from the profile in 1 MiB chunks (blobs.read), hashing as it goes, and saves it
 * under the name it was attached with — only if the bytes are what the SM3 says (main checks them
 * too; this is the end-to-end check). `save` is `saveFile` in the app, a collector in tests.
 */
export async function downloadBlob(
  api: BlobsApi,
  ref: DownloadRef,
  opts: { onProgress?: (received: number, total: number) => void; save?: (file: Blob, name: string) => void } = {},
): Promise<Result<void>> {
  const hash = new Sm3();
  const parts: Uint8Array[] = [];
  const CHUNK = 1024 * 1024;
  let offset = 0;
  do {
    const read = await api.blobs.read({ sm3: ref.sm3, offset, length: Math.max(1, Math.min(CHUNK, ref.size - offset)) });
    if (!read.ok) return read;
    const bytes = base64Bytes(read.value.dataBase64);
    if (read.value.size !== ref.size) return { ok: false, error: { code: 'CONFLICT', message: `附件“${ref.name}”的大小与记录不符,已停止保存` } };
    hash.update(bytes);
    parts.push(bytes);
    offset += bytes.length;
    opts.onProgress?.(offset, ref.size);
    if (bytes.length === 0) break;
  } while (offset < ref.size);
  if (offset !== ref.size || toHex(hash.digest()) !== ref.sm3) return { ok: false, error: { code: 'CONFLICT', message: `附件“${ref.name}”的内容与校验值不符,已停止保存` } };
  (opts.save ?? saveFile)(new Blob(parts as BlobPart[], { type: ref.mime || 'application/octet-stream' }), ref.name);
  return { ok: true, value: undefined };
}
