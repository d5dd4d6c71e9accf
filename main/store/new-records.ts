import { createHash, randomUUID } from 'node:crypto';
import * as random from 'lib0/random';
import * as Y from 'yjs';
import { CREATE, CreatePayload, eventJson, MAX_EVENT_BYTES, RecordEvent } from '../../core/kernel/event';
import type { AreaRegistry } from '../../core/kernel/registry';
import { fieldsOf, recordKindOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';

export interface NewRecord {
  kind: string;
  build: (doc: Y.Doc) => void;
  id?: string;
  /**
   * Built so that the same id and content give the same Yjs structs on every machine (the seed,
   * imported independently by each profile): the initial update's client id is derived from the
   * id and the content, so replicas that exchange it dedupe it instead of doubling the body.
   * Different content gives a different client id, never a silent clash. Later edits use a
   * random client id as usual. Needs `id`.
   */
  deterministic?: boolean;
  /** The record's kernel `create` event (its payload's kind must be `kind`), written pending. */
  createEvent?: RecordEvent;
  /** Further events written pending after it, in order (the seed's 交办). */
  events?: readonly RecordEvent[];
}

/** An event from any caller, checked against the one event format; BAD_INPUT when it does not fit. */
export function checkedEvent(raw: unknown): RecordEvent {
  const parsed = RecordEvent.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_INPUT', `操作内容格式有误:${issue ? `${issue.path.join('.')}: ${issue.message}` : ''}`);
  }
  if (Buffer.byteLength(eventJson(parsed.data)) > MAX_EVENT_BYTES) throw new AppError('BAD_INPUT', '操作内容过大');
  return parsed.data;
}

/** The events a new record is written with: its `create` event first (for its own kind), then the others. */
export function eventsOfNew(item: NewRecord): RecordEvent[] {
  const events = [...(item.createEvent ? [item.createEvent] : []), ...(item.events ?? [])].map(checkedEvent);
  const create = item.createEvent ? events[0] : undefined;
  if (create && (create.type !== CREATE || CreatePayload.safeParse(create.payload).data?.kind !== item.kind)) {
    throw new AppError('BAD_INPUT', `创建操作与记录类型(${item.kind})不符`);
  }
  return events;
}

/** The new record's document, with `fields.kind` set (a remote update of it must say what it is). */
export function buildNewDoc(id: string, item: NewRecord, origin: symbol): Y.Doc {
  const buildDoc = (clientID?: number) => {
    // The record id as guid also spares Yjs generating a random one (31 RNG calls per doc).
    const doc = new Y.Doc({ guid: id });
    if (clientID !== undefined) doc.clientID = clientID;
    doc.transact(() => {
      item.build(doc);
      if (recordKindOf(doc) !== item.kind) fieldsOf(doc).set('kind', item.kind);
    }, origin);
    return doc;
  };
  if (!item.deterministic || !item.id) return buildDoc();
  const doc = buildDoc(contentClientId(id, Y.encodeStateAsUpdate(buildDoc(0))));
  // Only the initial structs share the derived id; edits on each machine must not.
  doc.clientID = random.uint32();
  return doc;
}

/** A Yjs client id from a record id and its content: the same for identical content on any machine. */
function contentClientId(id: string, content: Uint8Array): number {
  const digest = createHash('sha256').update(id).update('\0').update(content).digest();
  return digest.readUInt32BE(0);
}

/** The records `createMany` writes: each of a registered kind, with its id, doc, initial state and events. */
export function prepareNew(items: readonly NewRecord[], registry: AreaRegistry, origin: symbol) {
  return items.map((item) => {
    if (!registry.byKind(item.kind)) throw new AppError('BAD_INPUT', `未知的记录类型:${item.kind}`);
    const id = item.id ?? randomUUID();
    const doc = buildNewDoc(id, item, origin);
    return { id, kind: item.kind, doc, state: Y.encodeStateAsUpdate(doc), events: eventsOfNew(item) };
  });
}
