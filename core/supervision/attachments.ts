import { z } from 'zod';
import { formatBytes, MAX_BLOB_BYTES_CEILING } from '../blobs/limits';

/**
 * Attachments of 进展反馈 and 办结申请. The bytes are a blob of the profile's blob store (main/blobs,
 * content-addressed by SM3, synced through the server in chunks); an event names a file by
 * `{name, sm3, size, mime}` (BlobRef, core/kernel/event.ts), and since the payload is signed, so is
 * the file's hash. Refs written while files lived in the record's Y.Doc carry no `mime`; logs
 * written before files existed hold bare names (seed data, old replicas): still valid, shown as
 * 仅有文件名. How large a file may be is the profile's setting (200 MiB by default), checked when
 * it is uploaded; an event may name anything up to the ceiling any installation may allow.
 */
export const MAX_FILE_NAME = 200;
export const MAX_ATTACHMENTS = 50;

export const FileName = z.string().trim().min(1, '附件名称不能为空').max(MAX_FILE_NAME, `附件名称不能超过 ${MAX_FILE_NAME} 个字`);
export const Sm3Hex = z.string().regex(/^[0-9a-f]{64}$/, '附件校验值应为 64 位小写十六进制');

/** A file in the blob store: what an event payload carries. */
export const AttachmentRef = z.object({
  name: FileName,
  sm3: Sm3Hex,
  size: z.number().int().min(0).max(MAX_BLOB_BYTES_CEILING, `单个附件不能超过 ${formatBytes(MAX_BLOB_BYTES_CEILING)}`),
  mime: z.string().max(200).optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** A payload entry: a ref, or (old logs) only a name. */
export const Attachment = z.union([FileName, AttachmentRef]);
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = z.array(Attachment).max(MAX_ATTACHMENTS, `附件不能超过 ${MAX_ATTACHMENTS} 个`).default([]);

/** One attachment as the state and views carry it; `sm3: null` = only a name (no bytes). */
export const AttachmentItem = z.object({ name: z.string(), sm3: z.string().nullable(), size: z.number().nullable(), mime: z.string().optional() });
export type AttachmentItem = z.infer<typeof AttachmentItem>;

export const attachmentItem = (a: Attachment): AttachmentItem =>
  typeof a === 'string' ? { name: a, sm3: null, size: null } : { name: a.name, sm3: a.sm3, size: a.size, ...(a.mime ? { mime: a.mime } : {}) };

/** "1.2 MB" / "35 KB" / "12 B" for people. */
export const formatFileSize = formatBytes;
