import { formatBytes } from '../../core/blobs/limits';
import { AppError } from '../../core/result';
import type { BlobStore } from './blob-store';

/**
 * Before an event names a file: the blob must be on this machine, whole and of the stated size
 * (the ref is signed with the event, and only blobs a record refers to are uploaded). `noun` is
 * what the user calls it (附件, 原件).
 */
export function requirePresentBlob(blobs: BlobStore, ref: { name: string; sm3: string; size: number }, noun = '附件'): void {
  const row = blobs.row(ref.sm3);
  if (row?.state !== 'present') throw new AppError('BAD_INPUT', `${noun}“${ref.name}”不在本机(上传未完成或已取消),请重新上传${noun}`);
  if (row.size !== ref.size) throw new AppError('BAD_INPUT', `${noun}“${ref.name}”的大小与已上传的文件不符(${formatBytes(row.size ?? 0)})`);
}
