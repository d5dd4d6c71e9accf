import { fromBase64 } from '../../core/crypto/bytes';
import type { Handlers } from '../../core/ipc/dispatch';
import { filesOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { availableActions, type SupervisionAction } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import {
  fileKey,
  formatFileSize,
  MAX_FILE_BYTES,
  MAX_RECORD_FILES_BYTES,
  readStoredFile,
  storedFilesBytes,
  type AttachmentRef,
} from '../../core/supervision/attachments';
import { readSupervisionEvents } from '../../core/supervision/events';
import { readSupervisionFields } from '../../core/supervision/projection';
import { reduceSupervision } from '../../core/supervision/workflow';
import type { Store } from '../store/store';

type FileHandlers = Pick<Handlers['supervision'], 'attachFile' | 'readFile'>;

export interface AttachmentContext {
  store: Store;
  actor: () => Actor;
}

function requireItem(store: Store, id: string): void {
  if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
}

/** Only someone who could report or apply for 办结 on the item now may add files to it. */
function requireUploader(store: Store, id: string, actor: Actor): void {
  const doc = store.getDoc(id);
  if (readSupervisionFields(doc).level !== 'task') throw new AppError('BAD_INPUT', '立项记录本身不办理,请在其督办事项上上传附件');
  const allowed = availableActions(reduceSupervision(readSupervisionEvents(doc).events), actor);
  if (!allowed.includes('report') && !allowed.includes('completion_request')) {
    throw new AppError('BAD_INPUT', '当前身份不能为本事项上传附件(仅承办单位在反馈进展或申请办结时可上传)');
  }
}

function decode(name: string, dataBase64: string): Uint8Array {
  let data: Uint8Array;
  try {
    data = fromBase64(dataBase64);
  } catch {
    throw new AppError('BAD_INPUT', `附件“${name}”的内容无法读取(不是有效的 base64)`);
  }
  if (data.length > MAX_FILE_BYTES) throw new AppError('BAD_INPUT', `单个附件不能超过 5 MB,“${name}”过大(${formatFileSize(data.length)})`);
  return data;
}

/**
 * supervision.attachFile and supervision.readFile. The bytes go into the record's `files` map
 * through store.change, so they are persisted and synced like any edit of the record.
 */
export function attachmentHandlers(ctx: AttachmentContext): FileHandlers {
  const { store } = ctx;
  return {
    attachFile: ({ id, name, mime, dataBase64 }) => {
      requireItem(store, id);
      requireUploader(store, id, ctx.actor());
      const data = decode(name, dataBase64);
      const sm3 = fileKey(data);
      const ref: AttachmentRef = { name, sm3, size: data.length };
      const doc = store.getDoc(id);
      // Same bytes, same key: a second upload (under any name) stores nothing new.
      if (readStoredFile(doc, sm3)) return ref;
      const held = storedFilesBytes(doc);
      if (held + data.length > MAX_RECORD_FILES_BYTES) {
        throw new AppError('BAD_INPUT', `本事项附件合计不能超过 12 MB(已有 ${formatFileSize(held)},“${name}”为 ${formatFileSize(data.length)})`);
      }
      store.change(id, (d) => filesOf(d).set(sm3, { name, mime: mime || 'application/octet-stream', size: data.length, data }));
      return ref;
    },
    readFile: ({ id, sm3 }) => {
      requireItem(store, id);
      const doc = store.getDoc(id);
      const file = readStoredFile(doc, sm3);
      if (!file) {
        if (filesOf(doc).has(sm3)) throw new AppError('CONFLICT', '附件内容与其校验值不符,已拒绝下载');
        throw new AppError('NOT_FOUND', '附件文件尚未同步到本机,请稍后再试');
      }
      return { name: file.name, mime: file.mime, dataBase64: Buffer.from(file.data).toString('base64') };
    },
  };
}

/**
 * Before a 进展反馈 or 办结申请 is written: every attachment must be a file of this record with the
 * size the ref states (the ref is signed with the event, so it must match what is stored).
 */
export function checkAttachmentRefs(store: Store, id: string, action: SupervisionAction): void {
  if (action.type !== 'report' && action.type !== 'completion_request') return;
  const doc = store.getDoc(id);
  for (const a of action.attachments) {
    if (typeof a === 'string') throw new AppError('BAD_INPUT', `附件“${a}”尚未上传文件,请重新添加`);
    const file = readStoredFile(doc, a.sm3);
    if (!file) throw new AppError('BAD_INPUT', `附件“${a.name}”不在本事项的已上传文件中,请重新上传`);
    if (file.size !== a.size) throw new AppError('BAD_INPUT', `附件“${a.name}”的大小与已上传的文件不符`);
  }
}
