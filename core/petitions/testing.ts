import type { Actor } from '../kernel/actor';
import type { RecordEvent } from '../kernel/event';
import { reduceRecord } from '../kernel/reduce';
import { petitionArea } from './area';
import type { PetitionView } from './derived';
import type { PetitionFields, StoredPerson } from './model';

/** Test helpers: demo actors, unsigned events (reducers do not verify signatures) and a view. */
export const OFFICE: Actor = { login: 'xfj_chen', name: '陈信访', unit: '市信访局', role: 'petition_office' };
export const HANDLER: Actor = { login: 'zjj_wang', name: '王承办', unit: '市住建局', role: 'unit_staff' };
export const COLLEAGUE: Actor = { login: 'zjj_li', name: '李同事', unit: '市住建局', role: 'unit_staff' };
export const OUTSIDER: Actor = { login: 'jyj_zhao', name: '赵无关', unit: '市教育局', role: 'unit_staff' };

let counter = 0;
/** An event by `by` at a Beijing-time instant `YYYY-MM-DD` (10:00) or a full ISO instant. */
export function ev(type: string, by: Actor, at: string, payload: Record<string, unknown> = {}, basis: string | null = null): RecordEvent {
  const instant = at.length === 10 ? `${at}T02:00:00.000Z` : at;
  return { id: `e${++counter}`, type, actor: by.login, by, at: instant, basis, payload };
}

/** Chains linear events' bases the way a client does (each names the last linear event applied). */
export function chain(events: RecordEvent[]): RecordEvent[] {
  let head: string | null = null;
  return events.map((e) => {
    const linear = petitionArea.events[e.type]?.linear ?? false;
    const out = linear ? { ...e, basis: head } : e;
    if (linear) head = e.id;
    return out;
  });
}

export const fieldsOf = (over: Partial<PetitionFields> = {}, persons: StoredPerson[] = []): PetitionFields => ({
  kind: 'petition', channel: '来访', category: '申诉求决类', hotlineType: null, matter: '小区外墙脱落', locality: '思明区', anonymous: persons.length === 0, persons, reply: null, ...over,
});

export function viewOf(registered: string, events: RecordEvent[], fields: PetitionFields = fieldsOf()): PetitionView {
  const create = ev('create', OFFICE, registered, { kind: 'petition' });
  const reduced = reduceRecord(petitionArea, [create, ...chain(events)]);
  return { id: 'xf-1', kind: 'petition', fields, body: '', reduced, createdAt: create.at, updatedAt: create.at };
}
