import type { Handlers } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import { availableActions, type SupervisionAction } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { readSupervisionFields } from '../../core/supervision/projection';
import { supervisionStateOf, type SupervisionWork } from '../../core/supervision/state';
import type { BlobStore } from '../blobs/blob-store';
import { requirePresentBlob } from '../blobs/require-present';
import type { BlobServices } from '../blobs/services';
import type { Store } from '../store/store';

type FileHandlers = Pick<Handlers['supervision'], 'attachFile'>;

export interface AttachmentContext {
  store: Store;
  actor: () => Actor;
  /** The profile's blob store, where uploaded files are (main/blobs). */
  blobs: BlobServices;
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

/**
 * supervision.attachFile: the file was sent to the blob store (blobs.begin/put/finish); this checks
 * that the current identity may add files to the item now and that the blob is here, and returns
 * the ref for the action. Nothing is written: a file removed from the dialog, or a dialog
 * cancelled, never reaches the record, and is never uploaded (only blobs a record refers to are).
 */
export function attachmentHandlers(ctx: AttachmentContext): FileHandlers {
  return {
    attachFile: ({ id, name, mime, sm3, size }) => {
      requireItem(ctx.store, id);
      requireUploader(ctx.store, id, ctx.actor());
      requirePresentBlob(ctx.blobs.store, { name, sm3, size });
      return { name, sm3, size, mime: mime || 'application/octet-stream' } satisfies AttachmentRef;
    },
  };
}

/**
 * Before a 进展反馈 or 办结申请 is written: every attachment must be a blob on this machine with
 * the size its ref states, so on the reporting machine an event never exists without its bytes.
 * A bare name is refused (old logs only). Nothing is written when one fails.
 */
export function checkAttachments(blobs: BlobStore, action: SupervisionAction): void {
  if (action.type !== 'report' && action.type !== 'completion_request') return;
  for (const a of action.attachments) {
    if (typeof a === 'string') throw new AppError('BAD_INPUT', `附件“${a}”尚未上传文件,请重新添加`);
    requirePresentBlob(blobs, a);
  }
}
