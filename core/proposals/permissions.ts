import type { Actor } from '../kernel/actor';
import type { Action } from '../kernel/area';
import { CREATE, EDIT } from '../kernel/event';
import { isProposalEventType, type ProposalEventType } from './events';
import type { ProposalState } from './state';

/**
 * Who may do what on a proposal (the area's one `can`): the 人大/政协 liaison office registers,
 * assigns, decides, records the proposer's answers and closes; the 主办 unit handles and answers;
 * 会办/协办 units send opinions; either may ask for 调整 and record 沟通/面商. Decided from the actor
 * and the events only (fields are unsigned).
 */
const OFFICE_ACTIONS: ReadonlySet<string> = new Set([CREATE, EDIT, 'assign', 'adjust_decide', 'extend_decide', 'satisfaction', 'redo', 'close']);
const LEAD_ACTIONS: ReadonlySet<ProposalEventType> = new Set(['extend_request', 'link_reply', 'reply']);
const UNIT_ACTIONS: ReadonlySet<ProposalEventType> = new Set(['adjust_request', 'contact']);

export function officeError(actor: Actor, state: ProposalState): string | null {
  if (actor.role !== 'liaison') return '只有人大政协联络部门可以办理此项';
  if (state.office !== null && actor.unit !== state.office) return `此件由${state.office}交办,其他联络部门不能办理`;
  return null;
}

export function proposalCan(actor: Actor, action: Action, state: ProposalState): string | null {
  if (action.type === EDIT && state.phase === 'closed') return '已办结的件不能修改';
  if (OFFICE_ACTIONS.has(action.type)) return officeError(actor, state);
  if (!isProposalEventType(action.type)) return '未知的操作';
  // Units act for themselves: the liaison office and administrators do not speak for a unit.
  if (actor.role === 'liaison' || actor.role === 'admin') return '只有承办单位可以办理此项';
  const a = state.assignment;
  if (!a) return '尚未交办';
  const isLead = actor.unit === a.lead;
  const isHelper = a.helpers.includes(actor.unit);
  if (LEAD_ACTIONS.has(action.type)) return isLead ? null : '只有主办单位可以办理此项';
  if (action.type === 'opinion') return isHelper ? null : '只有会办、协办单位可以提出协办意见';
  if (UNIT_ACTIONS.has(action.type)) return isLead || isHelper ? null : '只有本件的承办单位可以办理此项';
  return '未知的操作';
}
