import { sameUnit } from '../directory/units';
import type { Actor } from './actor';
import type { EventType } from './events';
import type { AssignmentState, SupervisionWork } from './state';

/**
 * Who may do what (checked by the reducer for every event, local or from another replica, and
 * used by the UI to offer only the allowed actions):
 *
 * | action | who |
 * |---|---|
 * | 交办, 设定时限, 退回进展反馈, 延期审批, 办结审核, 销号, 评价 | the 督查室 (supervisor) |
 * | 催办 | the 督查室 or a leader |
 * | 签收, 进展反馈, 催办已阅 | staff of the assigned unit, for that unit only |
 * | 延期申请, 办结申请 | staff of a 牵头 unit; where no 牵头 unit is assigned, of any assigned unit |
 *
 * A group assignment (市直各部门) cannot be signed or reported for: it names no single office.
 * Administrators manage the installation, not the workflow.
 */
export const SUPERVISOR_ONLY: ReadonlySet<EventType> = new Set<EventType>([
  'assign',
  'set_deadline',
  'report_return',
  'extension_decision',
  'completion_review',
  'close',
  'evaluate',
]);
/** Actions a unit takes for itself; `unit` in the payload names it. */
export const UNIT_ACTIONS: ReadonlySet<EventType> = new Set<EventType>([
  'acknowledge',
  'report',
  'urge_read',
  'extension_request',
  'completion_request',
]);
/** Unit actions only the lead unit takes (anyone assigned when there is no lead). */
export const LEAD_ACTIONS: ReadonlySet<EventType> = new Set<EventType>(['extension_request', 'completion_request']);

/** The unit's assignment; another name of the same unit (市工信局 for 市工信局(大数据局)) finds it too. */
export const findAssignment = (state: SupervisionWork, unit: string): AssignmentState | undefined =>
  state.assignments.find((a) => a.unit === unit) ?? state.assignments.find((a) => sameUnit(a.unit, unit));

/** Units that may file 延期申请/办结申请: the 牵头 units, or every assigned unit when there is none. */
export function leadUnits(state: SupervisionWork): string[] {
  const active = state.assignments.filter((a) => !a.group);
  const leads = active.filter((a) => a.role === 'lead');
  return (leads.length ? leads : active).map((a) => a.unit);
}

/** Null when `actor` may take an action of `type` (for `unit`, for unit actions); else why not. */
export function permissionError(type: EventType, actor: Actor, state: SupervisionWork, unit?: string): string | null {
  if (SUPERVISOR_ONLY.has(type)) return actor.role === 'supervisor' ? null : '只有督查室可以进行此操作';
  if (type === 'urge') return actor.role === 'supervisor' || actor.role === 'leader' ? null : '只有督查室或领导可以催办';
  if (UNIT_ACTIONS.has(type)) {
    if (actor.role !== 'unit_staff') return '只有承办单位的工作人员可以进行此操作';
    if (unit === undefined || !sameUnit(actor.unit, unit)) return `当前身份不属于${unit ?? '该单位'},不能代其操作`;
    const assignment = findAssignment(state, unit);
    if (!assignment) return `${unit}不是本事项的承办单位`;
    if (assignment.group) return `${unit}是部门组,须展开到具体单位后才能签收和反馈`;
    if (LEAD_ACTIONS.has(type) && !leadUnits(state).includes(unit)) return '只有牵头单位可以提出此申请';
    return null;
  }
  return '未知的操作';
}
