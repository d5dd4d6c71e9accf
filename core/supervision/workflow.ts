import type { Verdict } from '../kernel/reduce';
import { judgeEvent, reduceRecord } from '../kernel/reduce';
import { supervisionArea } from './area';
import type { SupervisionEvent } from './events';
import { supervisionStateOf, type SupervisionState } from './state';

export { supervisionStateOf };

/**
 * The whole state of a 督办 item is a pure, deterministic function of its event log, computed by
 * the kernel's one reducer loop (core/kernel/reduce.ts) with the 督办 area (area.ts): every
 * replica that has the same events in the same order derives the same state.
 *
 * Each event is judged in order: known type, actor identity (`by`, matching `actor`), payload
 * schema, permission (permissions.ts), then — for linear transitions only — `basis` must be the
 * last applied linear transition (`head`), and finally the state rule (rules.ts). An event that
 * fails is kept in the history with the reason and counted as a conflict; it is never applied and
 * never dropped. Per-unit events (签收, 进展反馈, …) carry no ordering constraint, so reports from
 * different units made offline at the same time all apply.
 */
export function reduceSupervision(events: readonly SupervisionEvent[]): SupervisionState {
  return supervisionStateOf(reduceRecord(supervisionArea, events));
}


/** What would happen to `event` in `state`, without changing it (until `run`). */
export function judge(state: SupervisionState, event: SupervisionEvent): Verdict {
  const { head, history, conflicts, ...work } = state;
  return judgeEvent(supervisionArea, { state: work, head, history, conflicts, created: null }, event);
}
