import type { WorkflowEvent } from '../records/record-doc';
import type { SupervisionStatus } from './model';

/**
 * Status is a pure function of the event log. Transitions name the state they expect
 * (`basis` = the last transition the actor had seen); a transition made concurrently with
 * another one is kept in the history and flagged as a conflict, never applied or dropped silently.
 */
export const SUPERVISION_TRANSITIONS = {
  complete: { from: 'in_progress', to: 'completed', label: '办结' },
  reopen: { from: 'completed', to: 'in_progress', label: '重新办理' },
} as const satisfies Record<string, { from: SupervisionStatus; to: SupervisionStatus; label: string }>;
export type SupervisionTransition = keyof typeof SUPERVISION_TRANSITIONS;

export const isSupervisionTransition = (type: string): type is SupervisionTransition =>
  Object.hasOwn(SUPERVISION_TRANSITIONS, type);

export interface ReducedEvent {
  event: WorkflowEvent;
  applied: boolean;
  /** Why a transition was not applied (shown in the history). */
  conflict: string | null;
}

export interface SupervisionState {
  status: SupervisionStatus;
  /** Id of the last applied transition: the basis for the next one. */
  head: string | null;
  history: ReducedEvent[];
  conflicts: number;
}

export function reduceSupervision(events: readonly WorkflowEvent[]): SupervisionState {
  let status: SupervisionStatus = 'in_progress';
  let head: string | null = null;
  let conflicts = 0;
  const history: ReducedEvent[] = [];
  for (const event of events) {
    if (!isSupervisionTransition(event.type)) {
      history.push({ event, applied: true, conflict: null });
      continue;
    }
    const transition = SUPERVISION_TRANSITIONS[event.type];
    let conflict: string | null = null;
    if (event.basis !== head) conflict = '与他人同时进行的操作冲突,未生效';
    else if (transition.from !== status) conflict = `当前状态不允许“${transition.label}”`;
    if (conflict) {
      conflicts += 1;
      history.push({ event, applied: false, conflict });
      continue;
    }
    status = transition.to;
    head = event.id;
    history.push({ event, applied: true, conflict: null });
  }
  return { status, head, history, conflicts };
}
