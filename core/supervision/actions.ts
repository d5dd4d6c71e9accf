import { z } from 'zod';
import type { Actor } from './actor';
import { EVENT_TYPES, PAYLOADS, type EventType } from './events';
import { sameUnit } from '../directory/units';
import { findAssignment, permissionError, UNIT_ACTIONS } from './permissions';
import type { Phase, SupervisionWork } from './state';

/**
 * One lifecycle action as the UI sends it (`supervision.act`): the event's payload plus its type.
 * The handler adds id, actor, time and basis and lets the reducer judge it before writing.
 */
export const SupervisionAction = z.discriminatedUnion('type', [
  PAYLOADS.assign.extend({ type: z.literal('assign') }).strict(),
  PAYLOADS.acknowledge.extend({ type: z.literal('acknowledge') }).strict(),
  PAYLOADS.report.extend({ type: z.literal('report') }).strict(),
  PAYLOADS.report_return.extend({ type: z.literal('report_return') }).strict(),
  PAYLOADS.urge.extend({ type: z.literal('urge') }).strict(),
  PAYLOADS.urge_read.extend({ type: z.literal('urge_read') }).strict(),
  PAYLOADS.set_deadline.extend({ type: z.literal('set_deadline') }).strict(),
  PAYLOADS.extension_request.extend({ type: z.literal('extension_request') }).strict(),
  PAYLOADS.extension_decision.extend({ type: z.literal('extension_decision') }).strict(),
  PAYLOADS.completion_request.extend({ type: z.literal('completion_request') }).strict(),
  PAYLOADS.completion_review.extend({ type: z.literal('completion_review') }).strict(),
  PAYLOADS.close.extend({ type: z.literal('close') }).strict(),
  PAYLOADS.evaluate.extend({ type: z.literal('evaluate') }).strict(),
]);
export type SupervisionAction = z.infer<typeof SupervisionAction>;
export type SupervisionActionInput = z.input<typeof SupervisionAction>;

const OPEN: readonly Phase[] = ['in_progress', 'review'];

/** Besides permission: is there something for this action to act on now? */
const READY: Record<EventType, (s: SupervisionWork, unit: string) => boolean> = {
  assign: (s) => s.phase === 'draft' || s.phase === 'in_progress',
  acknowledge: (s, unit) => OPEN.includes(s.phase) && !findAssignment(s, unit)?.acknowledged,
  report: (s) => OPEN.includes(s.phase),
  report_return: (s) => OPEN.includes(s.phase) && s.reports.some((r) => !r.returned),
  urge: (s) => OPEN.includes(s.phase) && s.assignments.length > 0,
  urge_read: (s, unit) => s.urges.some((u) => u.units.some((named) => sameUnit(named, unit) && !u.reads[named])),
  // The fields may already hold a deadline the state cannot see: the detail drops it then.
  set_deadline: (s) => OPEN.includes(s.phase) && !s.deadlineSet,
  extension_request: (s, unit) => s.phase === 'in_progress' && !s.extensions.some((e) => e.unit === unit && !e.decision),
  extension_decision: (s) => OPEN.includes(s.phase) && s.extensions.some((e) => !e.decision),
  completion_request: (s) => s.phase === 'in_progress',
  completion_review: (s) => s.phase === 'review',
  close: (s) => s.phase === 'completed',
  evaluate: (s) => s.phase === 'completed' || s.phase === 'closed',
};

/** The actions `actor` can take on the item now (what the detail page offers). */
export function availableActions(state: SupervisionWork, actor: Actor): EventType[] {
  return EVENT_TYPES.filter((type) => {
    const unit = UNIT_ACTIONS.has(type) ? actor.unit : undefined;
    return permissionError(type, actor, state, unit) === null && READY[type](state, actor.unit);
  });
}
