import { Actor } from './actor';
import type { Action, AreaDefinition, Outcome, Stamp } from './area';
import { CREATE, CreatePayload, EDIT, EditPayload, type RecordEvent } from './event';

/** Why an event was not applied: shown in the history, never dropped. */
export type RejectKind = 'identity' | 'permission' | 'basis' | 'state' | 'invalid' | 'unknown';

export interface ReducedEvent {
  event: RecordEvent;
  applied: boolean;
  /** Why it was not applied (a conflict to look at), or null. */
  conflict: string | null;
  rejectKind: RejectKind | null;
  /** A harmless remark (a repeated 签收 …), or null. */
  note: string | null;
}

export interface Reduced<S> {
  state: S;
  history: ReducedEvent[];
  conflicts: number;
  /** The last applied linear event: the `basis` the next linear action must name. */
  head: string | null;
  /** The `create` event, if the record has one (records made before the kernel have none). */
  created: Stamp | null;
}

export const CONFLICT_REASON = '与他人同时进行的操作冲突,未生效';

/**
 * The whole state of a record is a pure, deterministic function of its events in order
 * (confirmed ones in the server's order, then this machine's pending ones). Each event is judged
 * in turn: known type → `by` present and equal to `actor` → payload schema → `can()` →
 * for linear types, `basis` equal to the head → the area's state rule. An event that fails is
 * kept in the history with the reason and counts as a conflict; it is never applied and never
 * dropped.
 */
export function reduceRecord<S>(area: AreaDefinition<S, unknown>, events: readonly RecordEvent[]): Reduced<S> {
  const reduced: Reduced<S> = { state: area.initial(), history: [], conflicts: 0, head: null, created: null };
  for (const event of events) reduceStep(area, reduced, event);
  return reduced;
}

/** Applies one more event to `reduced` (incremental: the server keeps a record's state this way). */
export function reduceStep<S>(area: AreaDefinition<S, unknown>, reduced: Reduced<S>, event: RecordEvent): ReducedEvent {
  const verdict = judgeEvent(area, reduced, event);
  let entry: ReducedEvent;
  if (verdict.kind === 'reject') {
    reduced.conflicts += 1;
    entry = { event, applied: false, conflict: verdict.reason, rejectKind: verdict.reject, note: null };
  } else if (verdict.kind === 'ignore') {
    entry = { event, applied: false, conflict: null, rejectKind: null, note: verdict.note };
  } else {
    verdict.run();
    if (area.events[event.type]?.linear) reduced.head = event.id;
    entry = { event, applied: true, conflict: null, rejectKind: null, note: verdict.note };
  }
  reduced.history.push(entry);
  return entry;
}

export type Verdict = Outcome | { kind: 'reject'; reject: RejectKind; reason: string };

/** What would happen to `event` after `reduced`, without changing anything (until `run`). */
export function judgeEvent<S>(area: AreaDefinition<S, unknown>, reduced: Reduced<S>, event: RecordEvent): Verdict {
  const by = Actor.safeParse(event.by);
  if (event.type === CREATE) {
    if (reduced.history.length > 0) return { kind: 'reject', reject: 'state', reason: '记录已创建,重复的创建操作未生效' };
    const payload = CreatePayload.safeParse(event.payload);
    if (!payload.success || payload.data.kind !== area.kind) return { kind: 'reject', reject: 'invalid', reason: '创建操作的记录类型不符,未生效' };
    if (!by.success || by.data.login !== event.actor) return { kind: 'reject', reject: 'identity', reason: '操作人身份缺失或不一致,未生效' };
    const denied = area.can(by.data, { type: CREATE }, reduced.state);
    if (denied) return { kind: 'reject', reject: 'permission', reason: `${denied},未生效` };
    const stamp: Stamp = { eventId: event.id, at: event.at, by: by.data };
    return {
      kind: 'apply',
      note: null,
      run: () => {
        reduced.created = stamp;
        area.onCreate?.(reduced.state, stamp);
      },
    };
  }
  const spec = area.events[event.type];
  if (!spec && event.type !== EDIT) return { kind: 'reject', reject: 'unknown', reason: `无法识别的操作(${event.type}),未生效` };
  if (!by.success || by.data.login !== event.actor) return { kind: 'reject', reject: 'identity', reason: '操作人身份缺失或不一致,未生效' };
  const schema = spec ? spec.payload : EditPayload;
  const payload = schema.safeParse(event.payload);
  if (!payload.success) return { kind: 'reject', reject: 'invalid', reason: `操作内容格式有误:${payload.error.issues[0]?.message ?? ''}` };
  const denied = area.can(by.data, { type: event.type, payload: payload.data }, reduced.state);
  if (denied) return { kind: 'reject', reject: 'permission', reason: `${denied},未生效` };
  if (!spec) return { kind: 'apply', note: null, run: () => undefined };
  if (spec.linear && event.basis !== reduced.head) return { kind: 'reject', reject: 'basis', reason: CONFLICT_REASON };
  const stamp: Stamp = { eventId: event.id, at: event.at, by: by.data };
  const rule = area.rules[event.type] as (s: S, p: unknown, st: Stamp, e: RecordEvent) => Outcome;
  return rule(reduced.state, payload.data, stamp, event);
}

/** The event types `actor` may take now (permission only; the state rule may still refuse). */
export function allowedTypes<S>(area: AreaDefinition<S, unknown>, actor: Actor, state: S): string[] {
  return Object.keys(area.events).filter((type) => area.can(actor, { type }, state) === null);
}

/** Whether the page offers `action` to `actor` now: permitted, and at its step (area.offered). */
export function isOffered<S>(area: AreaDefinition<S, unknown>, actor: Actor, action: Action, state: S): boolean {
  return area.can(actor, action, state) === null && (area.offered?.(actor, action, state) ?? true);
}
