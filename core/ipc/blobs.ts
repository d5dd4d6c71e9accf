import { z } from 'zod';
import { IPC_CHUNK_BASE64, IPC_CHUNK_BYTES, MAX_BLOB_BYTES_CEILING, SM3_HEX } from '../blobs/limits';
import { BlobRef } from '../kernel/event';

/**
 * Files as content-addressed blobs (main/blobs): uploaded and read in chunks of at most 1 MiB,
 * so a 200 MiB file never crosses IPC or the web host's JSON body whole.
 *
 *   blobs.begin {name, mime, size} → {uploadId, chunkBytes, maxBytes}
 *   blobs.put {uploadId, offset, dataBase64}  (in order; a chunk sent again is acknowledged)
 *   blobs.finish {uploadId} → BlobRef {name, sm3, size, mime}  (SM3 computed while receiving)
 *   blobs.cancel {uploadId}
 *   blobs.read {sm3, offset, length} → one chunk, only of a verified blob on this machine
 *   blobs.status {sm3s} → per blob: 本机已有 / 附件同步中 (bytes so far of total) / 未同步
 */
const Sm3 = z.string().regex(SM3_HEX, '附件校验值应为 64 位小写十六进制');
const UploadId = z.string().regex(/^[0-9a-f-]{36}$/, '上传编号无效');
const Offset = z.number().int().min(0).max(MAX_BLOB_BYTES_CEILING);

/** How one blob stands on this machine (labels: blobStateLabel). */
export const BlobState = z.enum(['present', 'syncing', 'missing']);
export type BlobState = z.infer<typeof BlobState>;

export const BlobStatus = z.object({
  sm3: z.string(),
  state: BlobState,
  /** Bytes on this machine (all of them when present). */
  received: z.number().int().min(0),
  /** Total size when known (a blob still wanted may not know it yet). */
  size: z.number().int().min(0).nullable(),
  /** Present here and known to be on the sync server (false while it waits to be uploaded). */
  uploaded: z.boolean(),
});
export type BlobStatus = z.infer<typeof BlobStatus>;

export const blobStateLabel = (s: Pick<BlobStatus, 'state'>): string =>
  s.state === 'present' ? '本机已有' : s.state === 'syncing' ? '附件同步中' : '未同步';

export const blobsContract = {
  blobs: {
    begin: {
      input: z
        .object({
          name: z.string().trim().min(1, '附件名称不能为空').max(200, '附件名称不能超过 200 个字'),
          mime: z.string().max(200).default(''),
          size: z.number().int().min(0).max(MAX_BLOB_BYTES_CEILING),
        })
        .strict(),
      output: z.object({ uploadId: z.string(), chunkBytes: z.number().int(), maxBytes: z.number().int() }),
    },
    put: {
      input: z.object({ uploadId: UploadId, offset: Offset, dataBase64: z.string().max(IPC_CHUNK_BASE64, `每次最多传送 ${IPC_CHUNK_BYTES} 字节`) }).strict(),
      output: z.object({ received: z.number().int() }),
    },
    finish: {
      input: z.object({ uploadId: UploadId }).strict(),
      output: BlobRef,
    },
    cancel: {
      input: z.object({ uploadId: UploadId }).strict(),
      output: z.object({}),
    },
    read: {
      input: z.object({ sm3: Sm3, offset: Offset, length: z.number().int().min(1).max(IPC_CHUNK_BYTES) }).strict(),
      output: z.object({ dataBase64: z.string(), size: z.number().int() }),
    },
    status: {
      input: z.object({ sm3s: z.array(Sm3).max(500) }).strict(),
      output: z.object({ blobs: z.array(BlobStatus) }),
    },
  },
} as const;
