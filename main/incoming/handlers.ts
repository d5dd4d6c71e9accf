import { beijingDate } from '../../core/calendar/iso-date';
import { readIncomingFields } from '../../core/incoming/projection';
import type { Handlers } from '../../core/ipc/dispatch';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { CLASSIFIED_REFUSAL, isClassified } from '../../core/documents/secrecy';
import { act, createRecord } from '../kernel/act';
import type { AreaContext } from '../kernel/module';
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
      // 收文号 per unit per year: the server's when reachable, else this machine's (本地编号).
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
