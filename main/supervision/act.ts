import { randomUUID } from 'node:crypto';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { SupervisionAction } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import { appendSupervisionEvent, LINEAR_TYPES, readSupervisionEvents, SupervisionEvent } from '../../core/supervision/events';
import { readSupervisionFields } from '../../core/supervision/projection';
import type { SupervisionState } from '../../core/supervision/state';
import { judge, reduceSupervision } from '../../core/supervision/workflow';
import type { Store } from '../store/store';
import type { BlobStore } from '../blobs/blob-store';
import { checkAttachments } from './attachments';
import type { EventSigning } from './signing';

/**
 * Runs one lifecycle action as `actor`: the reducer judges the event against the current log
 * first, and only an event it would apply is written. So the handler refuses exactly what the
 * reducer would flag, with the same reason: permission and input errors as BAD_INPUT, state and
 * concurrency as CONFLICT. With `signing`, the event carries the actor's SM2 signature in `sig`
 * (core/supervision/signature.ts), made over the record content it acted on. Attachments the
 * action names must be blobs on this machine (checkAttachments): the event never exists here
 * without its files, which the sync engine then uploads (main/blobs/upkeep.ts shares them).
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
  const doc = store.getDoc(id);
  const fields = readSupervisionFields(doc);
  if (fields.level !== 'task') throw new AppError('BAD_INPUT', '立项记录本身不办理,请在其督办事项上操作');
  const state = reduceSupervision(readSupervisionEvents(doc).events);
  const { type, ...payload } = action;
  const linear = LINEAR_TYPES.has(type);
  // Locally a stale basis is refused outright; concurrent ones from other replicas are flagged by the reducer.
  if (linear && basis !== state.head) throw new AppError('CONFLICT', '该事项已被他人处理,请刷新后再操作');
  checkDates(action, fields.deadline, state);
  checkAttachments(deps.blobs, action);
  const at = now.toISOString();
  const event: SupervisionEvent = {
    id: randomUUID(),
    type,
    actor: actor.login,
    by: actor,
    at,
    basis: linear ? basis : state.head,
    payload: payload as Record<string, unknown>,
  };
  const verdict = judge(state, event);
  if (verdict.kind === 'reject') {
    const code = verdict.reject === 'state' || verdict.reject === 'basis' ? 'CONFLICT' : 'BAD_INPUT';
    throw new AppError(code, verdict.reason.replace(/,未生效$/, ''));
  }
  if (verdict.kind === 'ignore') throw new AppError('CONFLICT', verdict.note);
  // Sign exactly what is stored (the schema trims and fills defaults).
  const stored = SupervisionEvent.parse(event);
  const sig = signing?.sign(id, doc, stored);
  store.change(id, (d) => {
    appendSupervisionEvent(d, sig ? { ...stored, sig } : stored);
    fieldsOf(d).set('updatedAt', at);
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
