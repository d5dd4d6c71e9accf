import { randomUUID } from 'node:crypto';
import { AREAS } from '../../core/areas';
import { formatBytes } from '../../core/blobs/limits';
import { decryptBytes, decryptField, encryptBytes, encryptField } from '../../core/crypto/field';
import type { Actor } from '../../core/kernel/actor';
import type { SealedFile } from '../../core/petitions/events';
import { mayDecrypt } from '../../core/petitions/permissions';
import { AppError } from '../../core/result';
import type { BlobStore } from '../blobs/blob-store';
import { requirePresentBlob } from '../blobs/require-present';
import { act } from '../kernel/act';
import { caseView, type PetitionContext } from './context';
import type { DecryptReason } from './reveal';

/** A file as the page hands it over: plaintext, only in memory. */
export interface PlainFile {
  name: string;
  mime: string;
  data: Uint8Array;
}

/** At most this much per file, and per call: the bytes cross IPC whole and are sealed in memory. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACH_CALL_BYTES = 60 * 1024 * 1024;

const nameField = (place: string) => `${place}.name`;

/**
 * Adds attachments to a case, sealed before they touch the disk: each file's bytes and name are
 * encrypted with the record's data key (SM4, bound to the record and the attachment's place),
 * the ciphertext becomes an ordinary kernel blob (content-addressed, synced to readers of the
 * case), and one signed `attach` event names them. Neither bytes nor names are written in
 * plaintext. The blobs are stored unshared: blob upkeep shares them (uploads) once the event
 * naming them is written; if the event is refused (a locked key, a state the rules refuse) the
 * sealed files just stored are discarded, so nothing unused is uploaded.
 */
export async function attachFiles(ctx: PetitionContext, blobs: BlobStore, id: string, files: readonly PlainFile[], actor: Actor, stage: '登记' | '办理' = '办理'): Promise<void> {
  const view = caseView(ctx.store, id);
  const state = view.reduced.state;
  if (!mayDecrypt(actor, state)) throw new AppError('FORBIDDEN', '只有信访部门或本事项承办人可以上传附件');
  if (files.length === 0) throw new AppError('BAD_INPUT', '请选择要上传的附件');
  // Errors name the file by its number: a file name may carry a person's name.
  files.forEach((f, i) => {
    if (f.data.length > MAX_ATTACHMENT_BYTES) throw new AppError('BAD_INPUT', `第${i + 1}个附件超过${formatBytes(MAX_ATTACHMENT_BYTES)},请分拆或压缩后上传`);
  });
  if (files.reduce((n, f) => n + f.data.length, 0) > MAX_ATTACH_CALL_BYTES) throw new AppError('BAD_INPUT', `一次上传的附件合计不能超过${formatBytes(MAX_ATTACH_CALL_BYTES)},请分批上传`);
  // Asked before anything is stored (the signing key unlocked for the session).
  ctx.signing?.pin?.requireSession(actor.login);
  const [key] = await ctx.keyring.open(Object.values(state.envelopes), actor);
  if (!key) throw new AppError('FORBIDDEN', '本机没有该事项的数据密钥,无法加密附件');
  const sealed: SealedFile[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const place = `attachments.${randomUUID()}`;
      const cipher = encryptBytes(key, id, place, f.data);
      const sm3 = await blobs.importBytes(cipher, 'local');
      // The blob's own name says nothing about the file: the real name is sealed beside it.
      const blob = { name: `加密附件${i + 1}`, sm3, size: cipher.length, mime: 'application/octet-stream' };
      sealed.push({ place, blob, name: encryptField(key, id, nameField(place), f.name), mime: f.mime.slice(0, 200), size: f.data.length });
      requirePresentBlob(blobs, blob);
    }
    act(ctx.store, AREAS, { id, basis: view.reduced.head, type: 'attach', payload: { files: sealed, stage } }, actor, ctx.now(), ctx.signing);
  } catch (err) {
    // Fresh random IVs make every sealed file new: none of them can be named by another record.
    await Promise.all(sealed.map((s) => blobs.discard(s.blob.sm3).catch(() => undefined)));
    throw err;
  }
}

/** What everyone who may see the case sees of its attachments: no names, no bytes. */
export function attachmentList(ctx: PetitionContext, id: string): Array<{ sm3: string; size: number; mime: string; by: string; at: string }> {
  return caseView(ctx.store, id).reduced.state.attachments.map((a) => ({ sm3: a.file.blob.sm3, size: a.file.size, mime: a.file.mime, by: a.by, at: a.at }));
}

/**
 * One attachment in plaintext for someone who may decrypt; the signed audit entry is written
 * first (as for the petitioners' fields). A blob not yet on this machine is a clear CONFLICT.
 */
export async function openAttachment(ctx: PetitionContext, blobs: BlobStore, id: string, sm3: string, actor: Actor, reason: DecryptReason): Promise<PlainFile> {
  const view = caseView(ctx.store, id);
  const state = view.reduced.state;
  if (!mayDecrypt(actor, state)) throw new AppError('FORBIDDEN', '无权查看该信访事项的附件');
  const entry = state.attachments.find((a) => a.file.blob.sm3 === sm3);
  if (!entry) throw new AppError('NOT_FOUND', '该信访事项没有这个附件');
  const row = blobs.row(sm3);
  if (row?.state !== 'present') throw new AppError('CONFLICT', '附件尚未同步到本机,请稍后再试');
  act(ctx.store, AREAS, { id, basis: view.reduced.head, type: 'decrypt', payload: { reason, fields: ['attachment'] } }, actor, ctx.now(), ctx.signing);
  const keys = await ctx.keyring.open(Object.values(state.envelopes), actor);
  const { data } = await blobs.read(sm3, 0, entry.file.blob.size);
  return {
    name: decryptField(keys, id, nameField(entry.file.place), entry.file.name),
    mime: entry.file.mime,
    data: decryptBytes(keys, id, entry.file.place, data),
  };
}
