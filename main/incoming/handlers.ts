import { beijingDate } from '../../core/calendar/iso-date';
import { readIncomingFields } from '../../core/incoming/projection';
import type { Handlers } from '../../core/ipc/dispatch';
import { bodyText, fieldsOf, setBodyText } from '../../core/records/record-doc';
import type { IncomingPayload } from '../../core/incoming/events';
import { AppError } from '../../core/result';
import { CLASSIFIED_REFUSAL, isClassified } from '../../core/documents/secrecy';
import { act, createRecord } from '../kernel/act';
import type { AreaContext } from '../kernel/module';
import { CREATE } from '../../core/kernel/event';
import { requirePresentBlob } from '../blobs/require-present';
import { allocateLocal, allocateNumber, receiptSeries } from '../documents/numbering';
import { buildSupervision } from '../supervision/build';
import { supervisionRepo } from '../supervision/repository';
import { incomingRepo } from './repository';
import { incomingState, incomingWorkflow } from './workflow-view';

/** 收文's own methods (core/ipc/incoming.ts); the plain steps go through records.act. */
export function incomingHandlers(ctx: AreaContext): Handlers['incoming'] {
  const { store } = ctx;
  const view = (id: string) => incomingWorkflow(store, id, ctx.actor());
  return {
    list: (filter) => incomingRepo(store).rows(filter),
    get: ({ id }) => {
      if (store.kindOf(id) !== 'incoming') throw new AppError('NOT_FOUND', `收文不存在:${id}`);
      const doc = store.getDoc(id);
      const { kind: _kind, ...fields } = readIncomingFields(doc);
      return { ...fields, id, body: bodyText(doc), linkedItems: supervisionRepo(store).linkedTo(id) };
    },
    workflow: ({ id }) => view(id),
    register: async ({ id, basis, ...form }) => {
      await registerNow(ctx, id, basis, { ...form, original: null });
      return view(id);
    },
    registerExternal: async ({ body, original, urgency, dueDate, secrecy, ...fields }) => {
      // Refused before anything is written: a classified 来文, a 原件 that is not here.
      if (isClassified(secrecy)) throw new AppError('BAD_INPUT', CLASSIFIED_REFUSAL);
      if (original) {
        if (!ctx.blobs) throw new AppError('BAD_INPUT', '本机未启用附件存储,不能保存原件');
        requirePresentBlob(ctx.blobs.store, original, '原件');
      }
      const actor = ctx.actor();
      // Who may not 登记 is refused before the 收文 is created (can() of the state before any event).
      const area = store.registry.byKind('incoming')!;
      const denied = area.can(actor, { type: CREATE }, area.initial()) ?? area.can(actor, { type: 'register' }, area.initial());
      if (denied) throw new AppError('BAD_INPUT', denied);
      const now = ctx.now();
      const at = now.toISOString();
      const id = createRecord(
        store,
        store.registry,
        {
          kind: 'incoming',
          build: (doc) => {
            const map = fieldsOf(doc);
            for (const [k, v] of Object.entries({ kind: 'incoming', ...fields, ...(secrecy ? { secrecy } : {}), receivedAt: at, createdAt: at, updatedAt: at })) map.set(k, v);
            setBodyText(doc, body);
          },
        },
        actor,
        now,
        ctx.signing,
      );
      await registerNow(ctx, id, store.reduced(id).head, { fromUnit: fields.issuer, fromDocNumber: fields.docNumber, secrecy, urgency, dueDate, original });
      return view(id);
    },
    toSupervision: ({ id, items }) => {
      const state = incomingState(store, id);
      const actor = ctx.actor();
      const denied = store.registry.byKind('incoming')!.can(actor, { type: 'supervise' }, state);
      if (denied) throw new AppError('BAD_INPUT', denied);
      if (!state.instruction) throw new AppError('CONFLICT', '尚未批办,不能转督办');
      const now = ctx.now();
      const at = now.toISOString();
      const fields = readIncomingFields(store.getDoc(id));
      const label = `${fields.docNumber ? `${fields.docNumber} ` : ''}${fields.title}(批办:${state.instruction.text})`.slice(0, 500);
      const repo = supervisionRepo(store);
      const itemIds = items.map((item) =>
        createRecord(
          store,
          store.registry,
          {
            kind: 'supervision',
            build: (doc) =>
              buildSupervision(
                doc,
                {
                  level: 'task',
                  parentId: null,
                  code: '',
                  title: item.title,
                  section: '',
                  subsection: '',
                  order: repo.nextOrder(),
                  lead: item.lead,
                  responsible: item.responsible,
                  deadline: item.deadline,
                  milestones: [],
                  progressNote: '',
                  sourceId: id,
                  sourceKind: 'incoming',
                  sourceLabel: label,
                  body: state.instruction!.text,
                },
                at,
              ),
          },
          actor,
          now,
          ctx.signing,
        ),
      );
      act(store, store.registry, { id, basis: null, type: 'supervise', payload: { itemIds } }, actor, now, ctx.signing);
      return view(id);
    },
  };
}

type RegisterForm = Omit<IncomingPayload<'register'>, 'year' | 'serial' | 'local'>;

/** 登记: the 收文号 (per unit per year) from the sync server when reachable, else this machine's (本地编号). */
async function registerNow(ctx: AreaContext, id: string, basis: string | null, form: RegisterForm): Promise<void> {
  const { store } = ctx;
  const state = incomingState(store, id);
  // Refused before a number is taken, with the one message.
  if (isClassified(form.secrecy)) throw new AppError('BAD_INPUT', CLASSIFIED_REFUSAL);
  const actor = ctx.actor();
  const denied = store.registry.byKind('incoming')!.can(actor, { type: 'register' }, state);
  if (denied) throw new AppError('BAD_INPUT', denied);
  if (state.phase !== 'received') throw new AppError('CONFLICT', state.registration ? `收文已登记:${state.registration.receiptNo}` : '收文签收后才能登记');
  const now = ctx.now();
  const year = Number(beijingDate(now).slice(0, 4));
  const unit = state.unit ?? actor.unit;
  let number;
  try {
    number = await allocateNumber(store, { series: receiptSeries(unit), year, recordId: id });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'TRANSPORT') throw err;
    number = { seq: allocateLocal(store, { series: receiptSeries(unit), year, recordId: id }), local: true };
  }
  act(store, store.registry, { id, basis, type: 'register', payload: { ...form, year, serial: number.seq, local: number.local } }, actor, now, ctx.signing, {
    mutate: (doc) => fieldsOf(doc).set('updatedAt', now.toISOString()),
  });
}
