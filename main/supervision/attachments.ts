import type * as Y from 'yjs';
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
import { readSupervisionFields } from '../../core/supervision/projection';
import { supervisionStateOf, type SupervisionWork } from '../../core/supervision/state';
import type { Store } from '../store/store';
import type { StagedFile, StagedFiles, StagedLoss } from './staged-files';

type FileHandlers = Pick<Handlers['supervision'], 'attachFile' | 'readFile'>;

export interface AttachmentContext {
  store: Store;
  actor: () => Actor;
  /** Uploaded bytes waiting for their report (one per app, shared with act()). */
  staged: StagedFiles;
}

function requireItem(store: Store, id: string): void {
  if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
}

/** Only someone who could report or apply for 办结 on the item now may add files to it. */
function requireUploader(store: Store, id: string, actor: Actor): void {
  const doc = store.getDoc(id);
  if (readSupervisionFields(doc).level !== 'task') throw new AppError('BAD_INPUT', '立项记录本身不办理,请在其督办事项上上传附件');
  const allowed = availableActions(supervisionStateOf(store.reduced<SupervisionWork>(id)), actor);
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

/** Bytes a record will hold: what is stored plus what is staged for it and not stored yet. */
function recordBytes(doc: Y.Doc, recordId: string, staged: StagedFiles): { held: number; pending: number } {
  const held = storedFilesBytes(doc);
  let pending = 0;
  for (const f of staged.stagedFor(recordId)) if (!readStoredFile(doc, f.sm3)) pending += f.size;
  return { held, pending };
}

/**
 * supervision.attachFile and supervision.readFile. attachFile checks the file and stages its
 * bytes in memory (StagedFiles); they reach the record's `files` only with the report that names
 * them (act() → stagedWrites), so a file removed or a dialog cancelled leaves nothing behind.
 */
export function attachmentHandlers(ctx: AttachmentContext): FileHandlers {
  const { store, staged } = ctx;
  return {
    attachFile: ({ id, name, mime, dataBase64 }) => {
      requireItem(store, id);
      const actor = ctx.actor();
      requireUploader(store, id, actor);
      const data = decode(name, dataBase64);
      const sm3 = fileKey(data);
      const ref: AttachmentRef = { name, sm3, size: data.length };
      const doc = store.getDoc(id);
      // Same bytes, same key: a second upload (under any name) stores nothing new.
      if (readStoredFile(doc, sm3)) return ref;
      if (!staged.get(id, sm3)) {
        const { held, pending } = recordBytes(doc, id, staged);
        if (held + pending + data.length > MAX_RECORD_FILES_BYTES) {
          const parts = `已有 ${formatFileSize(held)}${pending ? `,待报送 ${formatFileSize(pending)}` : ''}`;
          throw new AppError('BAD_INPUT', `本事项附件合计不能超过 12 MB(${parts},“${name}”为 ${formatFileSize(data.length)})`);
        }
      }
      staged.put(id, sm3, { name, mime: mime || 'application/octet-stream', size: data.length, data }, actor.login);
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

function lostMessage(name: string, why: StagedLoss | null, staged: StagedFiles): string {
  if (why === 'expired') return `附件“${name}”上传后超过 ${formatDuration(staged.ttlMs)}未报送,暂存内容已清理,请重新上传附件`;
  if (why === 'evicted') return `附件“${name}”的暂存内容因待报送附件过多已被清理,请重新上传附件`;
  if (why === 'discarded') return `附件“${name}”未随上次报送提交,暂存内容已清理,请重新上传附件`;
  return `附件“${name}”不在本事项的已上传文件中,请重新上传附件`;
}

const formatDuration = (ms: number): string => (ms >= 3_600_000 ? `${Math.round(ms / 3_600_000)} 小时` : `${Math.max(1, Math.round(ms / 60_000))} 分钟`);

/** A staged file a report brings into the record. */
export interface StagedWrite {
  sm3: string;
  file: StagedFile;
}

/**
 * Before a 进展反馈 or 办结申请 is written: every attachment must be a file of this record, or
 * staged for it on this machine, with the size the ref states (the ref is signed with the event,
 * so it must match the bytes). Returns the staged files to write with the event, in the same
 * change; the record's total is checked again with them (stored files may have grown by sync).
 */
export function stagedWrites(store: Store, id: string, action: SupervisionAction, staged: StagedFiles): StagedWrite[] {
  if (action.type !== 'report' && action.type !== 'completion_request') return [];
  const doc = store.getDoc(id);
  const writes = new Map<string, StagedWrite>();
  for (const a of action.attachments) {
    if (typeof a === 'string') throw new AppError('BAD_INPUT', `附件“${a}”尚未上传文件,请重新添加`);
    const stored = readStoredFile(doc, a.sm3);
    const file = stored ?? staged.get(id, a.sm3);
    if (!file) throw new AppError('BAD_INPUT', lostMessage(a.name, staged.lossOf(id, a.sm3), staged));
    if (file.size !== a.size) throw new AppError('BAD_INPUT', `附件“${a.name}”的大小与已上传的文件不符`);
    if (!stored) writes.set(a.sm3, { sm3: a.sm3, file });
  }
  const adding = [...writes.values()].reduce((n, w) => n + w.file.size, 0);
  const held = storedFilesBytes(doc);
  if (adding && held + adding > MAX_RECORD_FILES_BYTES) {
    throw new AppError('BAD_INPUT', `本事项附件合计不能超过 12 MB(已有 ${formatFileSize(held)},本次附件 ${formatFileSize(adding)}),请减少附件后再报送`);
  }
  return [...writes.values()];
}

/** Inside act()'s store.change: the staged bytes go into `files` with the event. */
export function writeStaged(doc: Y.Doc, writes: readonly StagedWrite[]): void {
  const files = filesOf(doc);
  for (const { sm3, file } of writes) files.set(sm3, { name: file.name, mime: file.mime, size: file.size, data: file.data });
}
