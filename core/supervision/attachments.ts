import type * as Y from 'yjs';
import { z } from 'zod';
import { toHex } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { filesOf } from '../records/record-doc';

/**
 * Attachments of 进展反馈 and 办结申请. The bytes live in the record's own Y.Doc (`files`, keyed by
 * the lowercase hex SM3 of the bytes), so they sync and follow the record's access like any edit;
 * an event names a file by `{name, sm3, size}`, and since the payload is signed, so is the file.
 * Logs written before files existed hold plain names (seed data, old replicas): still valid,
 * shown as 仅有文件名.
 */
const MiB = 1024 * 1024;
export const MAX_FILE_BYTES = 5 * MiB;
/**
 * All files of one record together. The sync server refuses messages over 16 MiB and a record's
 * state is pushed as one message (pushes are not split yet), so files must leave room for the rest.
 */
export const MAX_RECORD_FILES_BYTES = 12 * MiB;
export const MAX_FILE_NAME = 200;
export const MAX_ATTACHMENTS = 50;

export const FileName = z.string().trim().min(1, '附件名称不能为空').max(MAX_FILE_NAME, `附件名称不能超过 ${MAX_FILE_NAME} 个字`);
export const Sm3Hex = z.string().regex(/^[0-9a-f]{64}$/, '附件校验值应为 64 位小写十六进制');

/** A file stored in the record: what an event payload carries. */
export const AttachmentRef = z.object({
  name: FileName,
  sm3: Sm3Hex,
  size: z.number().int().min(0).max(MAX_FILE_BYTES, '单个附件不能超过 5 MB'),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** A payload entry: a ref, or (old logs) only a name. */
export const Attachment = z.union([FileName, AttachmentRef]);
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = z.array(Attachment).max(MAX_ATTACHMENTS, `附件不能超过 ${MAX_ATTACHMENTS} 个`).default([]);

/** One attachment as the state and views carry it; `sm3: null` = only a name (no bytes). */
export const AttachmentItem = z.object({ name: z.string(), sm3: z.string().nullable(), size: z.number().nullable() });
export type AttachmentItem = z.infer<typeof AttachmentItem>;

export const attachmentItem = (a: Attachment): AttachmentItem =>
  typeof a === 'string' ? { name: a, sm3: null, size: null } : { name: a.name, sm3: a.sm3, size: a.size };

/** A value of the `files` map (written by any replica, so checked before use). */
export const StoredFile = z.object({
  name: z.string(),
  mime: z.string(),
  size: z.number().int().min(0),
  data: z.instanceof(Uint8Array),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** The key of some bytes in `files`. */
export const fileKey = (data: Uint8Array): string => toHex(sm3(data));

/**
 * The file stored under `key`, or null when it is absent (e.g. still syncing) or not what the key
 * says: the bytes are hashed again, so a replica cannot swap the content behind a signed ref.
 */
export function readStoredFile(doc: Y.Doc, key: string): StoredFile | null {
  const parsed = StoredFile.safeParse(filesOf(doc).get(key));
  if (!parsed.success) return null;
  const file = parsed.data;
  if (file.data.length !== file.size || fileKey(file.data) !== key) return null;
  return file;
}

/** Bytes held in the record's `files` (what counts against MAX_RECORD_FILES_BYTES). */
export function storedFilesBytes(doc: Y.Doc): number {
  let total = 0;
  filesOf(doc).forEach((value) => {
    const parsed = StoredFile.safeParse(value);
    if (parsed.success) total += parsed.data.data.length;
  });
  return total;
}

/** "1.2 MB" / "35 KB" / "12 B" for people. */
export function formatFileSize(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
