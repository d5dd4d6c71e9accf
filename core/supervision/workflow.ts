import { Actor } from './actor';
import { isEventType, LINEAR_TYPES, PAYLOADS, type EventType, type SupervisionEvent } from './events';
import { permissionError } from './permissions';
import { RULES, type Outcome } from './rules';
import { emptyState, type ReducedEvent, type RejectKind, type Stamp, type SupervisionState } from './state';

/**
 * The whole state of a 督办 item is a pure, deterministic function of its event log: every
 * replica that has the same events in the same (Yjs array) order derives the same state.
 *
 * Each event is judged in log order: known type, actor identity (`by`, matching `actor`), payload
 * schema, permission (permissions.ts), then — for linear transitions only — `basis` must be the
 * last applied linear transition (`head`), and finally the state rule (rules.ts). An event that
 * fails is kept in the history with the reason and counted as a conflict; it is never applied and
 * never dropped. Per-unit events (签收, 进展反馈, …) carry no ordering constraint, so reports from
 * different units made offline at the same time all apply.
 */
export function reduceSupervision(events: readonly SupervisionEvent[]): SupervisionState {
  const state = emptyState();
  for (const event of events) state.history.push(step(state, event));
  return state;
}

const CONFLICT_REASON = '与他人同时进行的操作冲突,未生效';

function rejected(state: SupervisionState, event: SupervisionEvent, kind: RejectKind, reason: string): ReducedEvent {
  state.conflicts += 1;
  return { event, applied: false, conflict: reason, rejectKind: kind, note: null };
}

/** Judges one event against the state so far and applies it when it passes. */
function step(state: SupervisionState, event: SupervisionEvent): ReducedEvent {
  const verdict = judge(state, event);
  if (verdict.kind === 'reject') return rejected(state, event, verdict.reject, verdict.reason);
  if (verdict.kind === 'ignore') return { event, applied: false, conflict: null, rejectKind: null, note: verdict.note };
  verdict.run();
  if (LINEAR_TYPES.has(event.type as EventType)) state.head = event.id;
  return { event, applied: true, conflict: null, rejectKind: null, note: verdict.note };
}

type Verdict = Outcome | { kind: 'reject'; reject: RejectKind; reason: string };

/** What would happen to `event` in `state`, without changing it (until `run`). */
export function judge(state: SupervisionState, event: SupervisionEvent): Verdict {
  if (!isEventType(event.type)) return { kind: 'reject', reject: 'unknown', reason: `无法识别的操作(${event.type}),未生效` };
  const by = Actor.safeParse(event.by);
  if (!by.success || by.data.login !== event.actor) {
    return { kind: 'reject', reject: 'identity', reason: '操作人身份缺失或不一致,未生效' };
  }
  const payload = PAYLOADS[event.type].safeParse(event.payload);
  if (!payload.success) return { kind: 'reject', reject: 'invalid', reason: `操作内容格式有误:${payload.error.issues[0]?.message ?? ''}` };
  const data = payload.data as { unit?: unknown };
  const unit = typeof data.unit === 'string' ? data.unit : undefined;
  const denied = permissionError(event.type, by.data, state, unit);
  if (denied) return { kind: 'reject', reject: 'permission', reason: `${denied},未生效` };
  if (LINEAR_TYPES.has(event.type) && event.basis !== state.head) return { kind: 'reject', reject: 'basis', reason: CONFLICT_REASON };
  const stamp: Stamp = { eventId: event.id, at: event.at, by: by.data };
  return (RULES[event.type] as (s: SupervisionState, p: unknown, st: Stamp) => Outcome)(state, payload.data, stamp);
}
