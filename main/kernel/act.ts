import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { Actor } from '../../core/kernel/actor';
import type { AnyArea } from '../../core/kernel/area';
import { CREATE, EDIT, EditPayload, RecordEvent } from '../../core/kernel/event';
import { judgeEvent, type Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import { recordContentHash } from '../../core/kernel/signature';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import type { EventSigning } from './signing';

/**
 * The one act path of every area: reduce, judge with the area's rules (core/kernel/reduce.ts
 * judgeEvent), sign with the actor's key, and write the event with its Y.Doc change in one store
 * transaction. A locally refused action writes nothing: BAD_INPUT for identity, permission and
 * input, CONFLICT for state and a stale basis, with the reducer's reason — exactly what every
 * other replica would flag.
 */
export interface ActInput {
  id: string;
  /** The record's `head` as the actor saw it (the detail's); needed by linear event types. */
  basis: string | null;
  type: string;
  payload: Record<string, unknown>;
}

export interface ActOptions {
  /** A Y.Doc change written with the event (attached files, field edits, updatedAt). */
  mutate?: (doc: Y.Doc) => void;
  /** The event's id when the payload already refers to it (a 签发/用印 signs its own id); default: a new UUID. */
  eventId?: string;
}

export function areaOf(store: Store, registry: AreaRegistry, id: string): AnyArea {
  const kind = store.kindOf(id);
  if (!kind) throw new AppError('NOT_FOUND', `记录不存在:${id}`);
  const area = registry.byKind(kind);
  if (!area) throw new AppError('BAD_INPUT', `本机不支持此类记录(${kind}),请升级协同办公`);
  return area;
}

/** The content hash of a record as its actor sees it now: fields, body and the events it has (not the rejected ones). */
export function currentContentHash(store: Store, id: string): string {
  const doc = store.getDoc(id);
  const ids = store.events(id).filter((e) => e.status !== 'rejected').map((e) => e.event.id);
  return recordContentHash(fieldsOf(doc).toJSON(), bodyText(doc), ids);
}

/** Refuses what the reducer would flag, with its reason and the matching error code. */
function judged(area: AnyArea, reduced: Reduced<unknown>, event: RecordEvent): void {
  const verdict = judgeEvent(area, reduced, event);
  if (verdict.kind === 'reject') {
    const code = verdict.reject === 'state' || verdict.reject === 'basis' ? 'CONFLICT' : 'BAD_INPUT';
    throw new AppError(code, verdict.reason.replace(/,未生效$/, ''));
  }
  if (verdict.kind === 'ignore') throw new AppError('CONFLICT', verdict.note);
}

/** One action as `actor`; returns the event as written (signed when `signing` is given). */
export function act(store: Store, registry: AreaRegistry, input: ActInput, actor: Actor, now: Date, signing?: EventSigning, opts: ActOptions = {}): RecordEvent {
  const { id, basis, type } = input;
  const area = areaOf(store, registry, id);
  const spec = area.events[type];
  if (!spec && type !== EDIT) throw new AppError('BAD_INPUT', `无法识别的操作(${type})`);
  const reduced = store.reduced<unknown>(id);
  // Locally a stale basis is refused outright; concurrent ones from other replicas are flagged by the reducer.
  if (spec?.linear && basis !== reduced.head) throw new AppError('CONFLICT', '该事项已被他人处理,请刷新后再操作');
  // The payload as stored (trimmed, defaults filled) is what is judged and signed.
  const payload = (spec ? spec.payload : EditPayload).safeParse(input.payload);
  if (!payload.success) throw new AppError('BAD_INPUT', `操作内容格式有误:${payload.error.issues[0]?.message ?? ''}`);
  const event = RecordEvent.parse({
    id: opts.eventId ?? randomUUID(),
    type,
    actor: actor.login,
    by: actor,
    at: now.toISOString(),
    basis: spec?.linear ? basis : reduced.head,
    payload: payload.data,
  });
  judged(area, reduced, event);
  const sig = signing?.sign(id, currentContentHash(store, id), event);
  const stored = sig ? { ...event, sig } : event;
  store.act(id, stored, opts.mutate);
  return stored;
}

export interface NewRecordInput {
  kind: string;
  /** Fills the empty Y.Doc: fields and body. */
  build: (doc: Y.Doc) => void;
  id?: string;
  /**
   * Exactly what `build` writes (fields, `kind` included, and the body text), when the caller has
   * it at hand (a batch import): the signed content hash is computed from it instead of building
   * the document a second time aside (main/proposals/import.test.ts checks the two agree).
   */
  content?: { fields: Record<string, unknown>; body: string };
}

/**
 * A new record made by `actor`: its `create` event (judged by the area's `can(create)`, signed
 * over the content it is created with) and its Y.Doc, in one transaction. Returns the id.
 */
export function createRecord(store: Store, registry: AreaRegistry, input: NewRecordInput, actor: Actor, now: Date, signing?: EventSigning): string {
  return createRecords(store, registry, [input], actor, now, signing)[0]!;
}

/**
 * Several new records made by `actor` in ONE store transaction (a batch import): each `create`
 * judged and signed as createRecord does; if any is refused or the write fails, none is made.
 */
export function createRecords(store: Store, registry: AreaRegistry, inputs: readonly (NewRecordInput & { deterministic?: boolean })[], actor: Actor, now: Date, signing?: EventSigning): string[] {
  const items = inputs.map((input) => {
    const area = registry.byKind(input.kind);
    if (!area) throw new AppError('BAD_INPUT', `未知的记录类型:${input.kind}`);
    const id = input.id ?? randomUUID();
    const event = RecordEvent.parse({ id: randomUUID(), type: CREATE, actor: actor.login, by: actor, at: now.toISOString(), basis: null, payload: { kind: input.kind } });
    judged(area, { state: area.initial(), history: [], conflicts: 0, head: null, created: null }, event);
    const hash = () => (input.content ? recordContentHash({ ...input.content.fields, kind: input.kind }, input.content.body, []) : createdContentHash(input));
    const sig = signing?.sign(id, hash(), event);
    return { kind: input.kind, build: input.build, id, deterministic: input.deterministic, createEvent: sig ? { ...event, sig } : event };
  });
  return store.createMany(items);
}

/** The content a record is created with (built once aside, `kind` set as the store sets it), hashed. */
function createdContentHash(input: NewRecordInput): string {
  const doc = new Y.Doc();
  doc.transact(() => {
    input.build(doc);
    if (fieldsOf(doc).get('kind') !== input.kind) fieldsOf(doc).set('kind', input.kind);
  });
  const hash = recordContentHash(fieldsOf(doc).toJSON(), bodyText(doc), []);
  doc.destroy();
  return hash;
}
