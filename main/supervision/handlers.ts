import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import type { Handlers } from '../../core/ipc/dispatch';
import { appendEvent, fieldsOf, setBodyText } from '../../core/records/record-doc';
import type { SupervisionCreate, SupervisionPatch } from '../../core/supervision/model';
import { reduceSupervision, SUPERVISION_TRANSITIONS } from '../../core/supervision/workflow';
import { readEvents } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { readSupervisionDetail } from './detail';

export interface HandlerContext {
  store: Store;
  now: () => Date;
  /** Who acts; a login comes with the sync issue. */
  actor: () => string;
}

/** Writes a new supervision item's fields and body into an empty record doc. */
export function buildSupervision(doc: Y.Doc, input: SupervisionCreate & { order: number }, at: string): void {
  const fields = fieldsOf(doc);
  fields.set('kind', 'supervision');
  fields.set('code', input.code);
  fields.set('title', input.title);
  fields.set('section', input.section);
  fields.set('subsection', input.subsection);
  fields.set('order', input.order);
  fields.set('lead', input.lead);
  fields.set('responsible', input.responsible);
  fields.set('deadline', input.deadline);
  fields.set('progressNote', input.progressNote);
  fields.set('sourceId', input.sourceId);
  fields.set('createdAt', at);
  fields.set('updatedAt', at);
  setBodyText(doc, input.body);
}

function applyPatch(doc: Y.Doc, patch: SupervisionPatch, at: string): void {
  const fields = fieldsOf(doc);
  const { body, ...rest } = patch;
  for (const [key, value] of Object.entries(rest)) {
    // Only changed keys are written, so concurrent edits of other fields never collide.
    if (JSON.stringify(fields.get(key)) !== JSON.stringify(value)) fields.set(key, value);
  }
  if (body !== undefined) setBodyText(doc, body);
  fields.set('updatedAt', at);
}

export function supervisionHandlers(ctx: HandlerContext): Handlers['supervision'] {
  const { store } = ctx;
  return {
    list: (filter) => store.supervision.list(filter),
    facets: () => store.supervision.facets(),
    get: ({ id }) => readSupervisionDetail(store, id),
    create: (input) => {
      const at = ctx.now().toISOString();
      const order = store.supervision.nextOrder();
      const id = store.create('supervision', (doc) => buildSupervision(doc, { ...input, order }, at));
      return readSupervisionDetail(store, id);
    },
    update: ({ id, patch }) => {
      if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
      store.change(id, (doc) => applyPatch(doc, patch, ctx.now().toISOString()));
      return readSupervisionDetail(store, id);
    },
    transition: ({ id, type, basis, note }) => {
      if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
      const state = reduceSupervision(readEvents(store.getDoc(id)).events);
      const transition = SUPERVISION_TRANSITIONS[type];
      // Locally a stale basis is refused; concurrent transitions from other replicas are flagged by the reducer.
      if (basis !== state.head) throw new AppError('CONFLICT', '该事项已被他人处理,请刷新后再操作');
      if (state.status !== transition.from) throw new AppError('CONFLICT', `当前状态不能“${transition.label}”`);
      const at = ctx.now().toISOString();
      store.change(id, (doc) => {
        appendEvent(doc, { id: randomUUID(), type, actor: ctx.actor(), at, basis, payload: note ? { note } : {} });
        fieldsOf(doc).set('updatedAt', at);
      });
      return readSupervisionDetail(store, id);
    },
  };
}
