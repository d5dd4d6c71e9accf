import type { Actor } from '../actor';
import { DEMO_USERS } from '../demo-users';
import { PAYLOADS, type EventType, type PayloadInput, type SupervisionEvent } from '../events';
import type { SupervisionState } from '../state';
import { reduceSupervision } from '../workflow';

/** Builders for reducer tests and the offline-merge tests; not used by the app. */

const user = (login: string): Actor => {
  const found = DEMO_USERS.find((u) => u.login === login);
  if (!found) throw new Error(`no demo user ${login}`);
  return found;
};
export const SUPERVISOR = user('dcs.lin');
export const LEADER = user('leader.wang');
export const ADMIN = user('admin');
/** 市审批管理局 */
export const SPJ = user('spj.zhang');
/** 市工信局(大数据局) */
export const GXJ = user('gxj.chen');
/** 市信息中心 */
export const XXZX = user('xxzx.liu');
/** A second supervisor, for concurrent transitions. */
export const SUPERVISOR_2: Actor = { login: 'dcs.wu', name: '吴督查', unit: '市政府督查室', role: 'supervisor' };

let counter = 0;

export interface EventOptions {
  basis?: string | null;
  at?: string;
  id?: string;
}

/** One event with a fresh id; payload defaults are applied as the handler would. */
export function makeEvent<T extends EventType>(type: T, by: Actor, payload: PayloadInput<T>, opts: EventOptions = {}): SupervisionEvent {
  counter += 1;
  return {
    id: opts.id ?? `e${counter}`,
    type,
    actor: by.login,
    by,
    at: opts.at ?? '2022-06-20T01:00:00.000Z',
    basis: opts.basis ?? null,
    payload: PAYLOADS[type].parse(payload) as Record<string, unknown>,
  };
}

/** An event log that fills `basis` with the current head unless told otherwise. */
export class EventLog {
  readonly events: SupervisionEvent[] = [];

  constructor(initial: readonly SupervisionEvent[] = []) {
    this.events.push(...initial);
  }

  get state(): SupervisionState {
    return reduceSupervision(this.events);
  }

  act<T extends EventType>(type: T, by: Actor, payload: PayloadInput<T>, opts: EventOptions = {}): SupervisionEvent {
    const event = makeEvent(type, by, payload, { basis: this.state.head, ...opts });
    this.events.push(event);
    return event;
  }

  /** The reduced entry of an event. */
  entry(event: SupervisionEvent) {
    return this.state.history.find((h) => h.event.id === event.id);
  }
}

/** 交办 to 市审批管理局 (lead), 市工信局 (responsible) and 市直各部门 (a group). */
export const STANDARD_ASSIGNMENT: PayloadInput<'assign'> = {
  assignments: [
    { unit: '市审批管理局', role: 'lead', contact: '张敏' },
    { unit: '市工信局(大数据局)', role: 'responsible', contact: '陈志强' },
    { unit: '市直各部门', role: 'cooperating' },
  ],
  acknowledgeDays: 2,
  reportCycle: { kind: 'monthly', day: 25 },
};
