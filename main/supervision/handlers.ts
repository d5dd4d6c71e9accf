import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import type { AcknowledgeManyResult } from '../../core/ipc/supervision';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/supervision/actor';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { SupervisionFields, SupervisionPatch } from '../../core/supervision/model';
import { mergeBodyText } from '../../core/records/body-three-way';
import { readSupervisionFields } from '../../core/supervision/projection';
import type { SupervisionWork } from '../../core/supervision/state';
import { roleAudience, unitAudience } from '../../core/supervision/todo';
import { BlobServices } from '../blobs/services';
import { createRecord } from '../kernel/act';
import { editRecord } from '../kernel/edit';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { act } from './act';
import { attachmentHandlers } from './attachments';
import { buildSupervision, patchValues } from './build';
import { readSupervisionDetail, type DetailView } from './detail';
import { supervisionRepo } from './repository';
import { supervisionDashboard } from './dashboard';

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

const DEADLINE_AFTER_ASSIGN = '已交办事项的完成时限不能在编辑中修改:未设时限的请用“设定时限”,已有时限的须经延期审批';

/** After 交办 the units are the assignments and the deadline moves only by an approved extension. */
function checkPatch(store: Store, id: string, patch: SupervisionPatch): void {
  if (store.reduced<SupervisionWork>(id).state.phase === 'draft') return;
  const fields = readSupervisionFields(store.getDoc(id));
  if (patch.deadline !== undefined && patch.deadline !== fields.deadline) {
    throw new AppError('CONFLICT', DEADLINE_AFTER_ASSIGN);
  }
}

/** Milestones as the form shows them (the stored ones also carry the phrase they were read from). */
const formMilestones = (list: ReadonlyArray<{ id?: string; title: string; date: string }>) => list.map(({ id, title, date }) => ({ id, title, date }));

/**
 * The form's opening values in the fields' own terms, for the kernel's CONFLICT check: a field
 * that reads as the form saw it gets its stored value (unchanged), any other keeps the form's
 * (moved since: refused if the patch changes it).
 */
function fieldBase(fields: SupervisionFields, stored: Record<string, unknown>, base: SupervisionPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === 'body') continue;
    const now = key === 'milestones' ? formMilestones(fields.milestones) : fields[key as keyof SupervisionFields];
    const seen = key === 'milestones' ? formMilestones(value as SupervisionFields['milestones']) : value;
    out[key] = JSON.stringify(now ?? null) === JSON.stringify(seen ?? null) ? stored[key] : value;
  }
  return out;
}

export function supervisionHandlers(ctx: HandlerContext): Handlers['supervision'] {
  const { store } = ctx;
  const repo = supervisionRepo(store);
  const blobs = ctx.blobs ?? new BlobServices({ dir: store.dir });
  const warnWorkingDays = () => ctx.warnWorkingDays?.() ?? DEFAULT_WARN_WORKING_DAYS;
  const view = (): DetailView => ({ today: beijingDate(ctx.now()), actor: ctx.actor(), warnWorkingDays: warnWorkingDays(), ...(ctx.signing ? { verify: ctx.signing.verify } : {}) });
  const clock = () => ({ today: beijingDate(ctx.now()), warnWorkingDays: warnWorkingDays() });
  const detail = (id: string) => readSupervisionDetail(store, id, view());
  return {
    list: (filter) => repo.list(filter, clock()),
    facets: () => supervisionDashboard(store).facets(clock()),
    get: ({ id }) => detail(id),
    create: (input) => {
      const actor = ctx.actor();
      requireEditor(actor, input.parentId ? '分解督办事项' : '立项');
      const parent = input.parentId ? store.kindOf(input.parentId) === 'supervision' && readSupervisionFields(store.getDoc(input.parentId)) : null;
      if (input.parentId && !parent) throw new AppError('NOT_FOUND', `上级事项不存在:${input.parentId}`);
      const now = ctx.now();
      const at = now.toISOString();
      const order = repo.nextOrder();
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
      const id = createRecord(store, store.registry, { kind: 'supervision', build: (doc) => buildSupervision(doc, { ...input, ...inherited, order }, at) }, actor, now, ctx.signing);
      return detail(id);
    },
    update: ({ id, patch, base }) => {
      if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
      const actor = ctx.actor();
      requireEditor(actor, '修改督办事项');
      checkPatch(store, id, patch);
      const now = ctx.now();
      const doc = store.getDoc(id);
      const current = fieldsOf(doc).toJSON() as Record<string, unknown>;
      // The 正文 merges with a save made since the form opened; fields refuse (CONFLICT) instead.
      const body = patch.body === undefined ? undefined : base?.body === undefined ? patch.body : mergeBodyText(base.body, bodyText(doc), patch.body);
      // Only changed fields are written, with an `edit` event (办理记录); updatedAt is bookkeeping.
      const edit = { id, patch: patchValues(current, patch), ...(base ? { base: fieldBase(readSupervisionFields(doc), current, base) } : {}), ...(body === undefined ? {} : { body }) };
      editRecord(store, store.registry, edit, actor, now, ctx.signing, (d) => fieldsOf(d).set('updatedAt', now.toISOString()));
      return detail(id);
    },
    act: (input) => {
      act(store, input, ctx.actor(), ctx.now(), { blobs: blobs.store, signing: ctx.signing });
      return detail(input.id);
    },
    acknowledgeMany: ({ ids }) => {
      const actor = ctx.actor();
      const result: AcknowledgeManyResult = { acknowledged: [], failed: [] };
      for (const id of new Set(ids)) {
        try {
          act(store, { id, basis: null, action: { type: 'acknowledge', unit: actor.unit, note: '' } }, actor, ctx.now(), { blobs: blobs.store, signing: ctx.signing });
          result.acknowledged.push(id);
        } catch (err) {
          // One refusal (already signed, not this unit's) does not stop the others; each says why.
          // A locked key stops the batch: the renderer asks for the PIN and sends it again.
          if (!(err instanceof AppError) || err.code === 'PIN_REQUIRED') throw err;
          result.failed.push({ id, message: err.message });
        }
      }
      return result;
    },
    inbox: () => {
      const actor = ctx.actor();
      const audiences = [roleAudience(actor.role), ...(actor.role === 'unit_staff' ? [unitAudience(actor.unit)] : [])];
      return { today: clock().today, todo: repo.todo(audiences, clock()), done: repo.done(actor.login, clock()) };
    },
    ...attachmentHandlers({ store, actor: ctx.actor, blobs }),
  };
}
