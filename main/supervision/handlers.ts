import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/supervision/actor';
import { readSupervisionEvents } from '../../core/supervision/events';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { SupervisionPatch } from '../../core/supervision/model';
import { readSupervisionFields } from '../../core/supervision/projection';
import { roleAudience, unitAudience } from '../../core/supervision/todo';
import { reduceSupervision } from '../../core/supervision/workflow';
import { BlobServices } from '../blobs/services';
import type { Store } from '../store/store';
import { act } from './act';
import { attachmentHandlers } from './attachments';
import { applyPatch, buildSupervision } from './build';
import { readSupervisionDetail, type DetailView } from './detail';
import type { EventSigning } from './signing';

export { buildSupervision } from './build';

export interface HandlerContext {
  store: Store;
  /** The host's clock; `--now` moves it (tests, demonstrations). */
  now: () => Date;
  /** The current identity (the demo session until login exists). */
  actor: () => Actor;
  /** Yellow when the deadline is at most this many working days away: 督办设置, read per request. */
  warnWorkingDays?: () => number;
  /** Signs events as they are made and verifies them when read (main/supervision/signing.ts). */
  signing?: EventSigning;
  /** The profile's blob store (attachments); one per app (default: opened in the store's folder on first use). */
  blobs?: BlobServices;
}

/** 立项, 分解 and editing are the 督查室's (administrators may correct records). */
function requireEditor(actor: Actor, what: string): void {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') throw new AppError('BAD_INPUT', `只有督查室可以${what}`);
}

/** After 交办 the units are the assignments and the deadline moves only by an approved extension. */
function checkPatch(store: Store, id: string, patch: SupervisionPatch): void {
  const doc = store.getDoc(id);
  const phase = reduceSupervision(readSupervisionEvents(doc).events).phase;
  if (phase === 'draft') return;
  const fields = readSupervisionFields(doc);
  if (patch.deadline !== undefined && patch.deadline !== fields.deadline) {
    throw new AppError('CONFLICT', '已交办事项的完成时限只能通过延期审批调整');
  }
}

export function supervisionHandlers(ctx: HandlerContext): Handlers['supervision'] {
  const { store } = ctx;
  const blobs = ctx.blobs ?? new BlobServices({ dir: store.dir });
  const warnWorkingDays = () => ctx.warnWorkingDays?.() ?? DEFAULT_WARN_WORKING_DAYS;
  const view = (): DetailView => ({ today: beijingDate(ctx.now()), actor: ctx.actor(), warnWorkingDays: warnWorkingDays(), ...(ctx.signing ? { verify: ctx.signing.verify } : {}) });
  const clock = () => ({ today: beijingDate(ctx.now()), warnWorkingDays: warnWorkingDays() });
  const detail = (id: string) => readSupervisionDetail(store, id, view());
  return {
    list: (filter) => store.supervision.list(filter, clock()),
    facets: () => store.supervision.facets(clock()),
    get: ({ id }) => detail(id),
    create: (input) => {
      const actor = ctx.actor();
      requireEditor(actor, input.parentId ? '分解督办事项' : '立项');
      const parent = input.parentId ? store.kindOf(input.parentId) === 'supervision' && readSupervisionFields(store.getDoc(input.parentId)) : null;
      if (input.parentId && !parent) throw new AppError('NOT_FOUND', `上级事项不存在:${input.parentId}`);
      const at = ctx.now().toISOString();
      const order = store.supervision.nextOrder();
      // A sub-task belongs to its parent's section and source unless told otherwise.
      const inherited = parent
        ? {
            section: input.section || parent.section,
            subsection: input.subsection || parent.subsection,
            sourceId: input.sourceId ?? parent.sourceId,
            sourceKind: input.sourceKind ?? parent.sourceKind,
            sourceLabel: input.sourceLabel || parent.sourceLabel,
          }
        : {};
      const id = store.create('supervision', (doc) => buildSupervision(doc, { ...input, ...inherited, order }, at));
      return detail(id);
    },
    update: ({ id, patch }) => {
      if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
      requireEditor(ctx.actor(), '修改督办事项');
      checkPatch(store, id, patch);
      store.change(id, (doc) => applyPatch(doc, patch, ctx.now().toISOString()));
      return detail(id);
    },
    act: (input) => {
      act(store, input, ctx.actor(), ctx.now(), { blobs: blobs.store, signing: ctx.signing });
      return detail(input.id);
    },
    inbox: () => {
      const actor = ctx.actor();
      const audiences = [roleAudience(actor.role), ...(actor.role === 'unit_staff' ? [unitAudience(actor.unit)] : [])];
      return { today: clock().today, todo: store.supervision.todo(audiences, clock()), done: store.supervision.done(actor.login, clock()) };
    },
    ...attachmentHandlers({ store, actor: ctx.actor, blobs }),
  };
}
