import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { SupervisionAction } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import { LINEAR_TYPES } from '../../core/supervision/events';
import { readSupervisionFields } from '../../core/supervision/projection';
import { supervisionStateOf, type SupervisionState, type SupervisionWork } from '../../core/supervision/state';
import { act as kernelAct } from '../kernel/act';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import type { BlobStore } from '../blobs/blob-store';
import { checkAttachments } from './attachments';

/**
 * One 督办 lifecycle action as `actor`, through the kernel's one act path (main/kernel/act.ts:
 * judged by the reducer, signed, written in one transaction). Supervision's own checks come
 * first: the item must be a task (a 立项 is not handled itself), dates that need the item's
 * fields, and attachments: the files the action names must be blobs on this machine
 * (checkAttachments), so the event never exists here without its files, which the sync engine
 * then uploads (main/blobs/upkeep.ts shares them).
 */
export function act(
  store: Store,
  input: { id: string; basis: string | null; action: SupervisionAction },
  actor: Actor,
  now: Date,
  deps: { blobs: BlobStore; signing?: EventSigning },
): void {
  const { signing } = deps;
  const { id, basis, action } = input;
  if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
  const fields = readSupervisionFields(store.getDoc(id));
  if (fields.level !== 'task') throw new AppError('BAD_INPUT', '立项记录本身不办理,请在其督办事项上操作');
  const state = supervisionStateOf(store.reduced<SupervisionWork>(id));
  const { type, ...payload } = action;
  // Refused before the other checks, as before: the form was filled in on an old state.
  if (LINEAR_TYPES.has(type) && basis !== state.head) throw new AppError('CONFLICT', '该事项已被他人处理,请刷新后再操作');
  checkDates(action, fields.deadline, state);
  checkAttachments(deps.blobs, action);
  const at = now.toISOString();
  kernelAct(store, store.registry, { id, basis, type, payload }, actor, now, signing, {
    mutate: (d) => {
      fieldsOf(d).set('updatedAt', at);
    },
  });
}

/** Date checks that need the item's fields, which the reducer does not see. */
function checkDates(action: SupervisionAction, deadline: string | null, state: SupervisionState): void {
  if (action.type === 'extension_request') {
    const current = state.extendedDeadline ?? deadline;
    if (!current) throw new AppError('BAD_INPUT', '该事项未设完成时限,无需申请延期');
    if (action.deadline <= current) throw new AppError('BAD_INPUT', `申请延期至的日期应晚于当前完成时限 ${current}`);
  }
  if (action.type === 'extension_decision' && action.approve && action.deadline) {
    const current = state.extendedDeadline ?? deadline;
    if (current && action.deadline <= current) throw new AppError('BAD_INPUT', `批准的时限应晚于当前完成时限 ${current}`);
  }
}
