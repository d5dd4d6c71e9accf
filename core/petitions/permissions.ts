import type { Actor } from '../kernel/actor';
import type { Action } from '../kernel/area';
import { CREATE, EDIT } from '../kernel/event';
import type { PetitionState } from './state';
import { SIGN_EVENT } from '../records/sign-event';
import { signKindOf, signPermission } from '../records/sign-area';

/** 信访 office only: registration, decisions, 转送/交办, approvals, 复查/复核, 办结, links, keys. */
const OFFICE_ACTIONS: ReadonlySet<string> = new Set([
  CREATE, EDIT, 'keys', 'accept', 'refuse', 'assign', 'extend_approve', 'review_request', 'review_decide',
  'recheck_request', 'recheck_hearing', 'recheck_decide', 'close', 'link', 'hotline_limit',
]);
/** The assigned unit (or the office) handles: 延期申请, 答复, 回访. */
const HANDLER_ACTIONS: ReadonlySet<string> = new Set(['extend_request', 'reply', 'visit']);

export const isOffice = (actor: Actor): boolean => actor.role === 'petition_office';

/**
 * Who may read the protected personal data: the 信访 office, and the assigned handler for their
 * own case (not their whole unit: the unit sees masked values).
 */
export const mayDecrypt = (actor: Actor, state: PetitionState): boolean =>
  isOffice(actor) || (state.handler !== null && actor.login === state.handler && actor.unit === state.unit);

/**
 * 上传附件 is offered while the case may still take files (the rule refuses 不予受理 cases).
 * 用印 is not offered as a bare step (the generic 签发与用印 panel): the case page's 答复意见书用印
 * puts the reply on the record first, so the seal covers it (main/petitions/seal-reply.ts).
 */
export function petitionOffered(_actor: Actor, action: Action, state: PetitionState): boolean {
  if (action.type === 'attach') return state.status !== '不予受理';
  return action.type !== SIGN_EVENT;
}

export function petitionCan(actor: Actor, action: Action, state: PetitionState): string | null {
  if (OFFICE_ACTIONS.has(action.type)) return isOffice(actor) ? null : '只有信访部门可以进行此操作';
  if (HANDLER_ACTIONS.has(action.type)) {
    return isOffice(actor) || (state.unit !== null && actor.unit === state.unit) ? null : '只有信访部门或承办单位可以进行此操作';
  }
  // 用印 of the 答复意见书 with the 信访 office's seal (the seal of the actor's own unit).
  if (action.type === SIGN_EVENT) return isOffice(actor) ? signPermission(actor, signKindOf(action.payload)) : '只有信访部门可以对答复意见书用印';
  if (action.type === 'decrypt') return mayDecrypt(actor, state) ? null : '无权查看信访人个人信息';
  // Sealing needs the record key: only those who may decrypt can add a file.
  if (action.type === 'attach') return mayDecrypt(actor, state) ? null : '只有信访部门或本事项承办人可以上传附件';
  return '未知的操作';
}
