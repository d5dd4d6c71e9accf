import { DOC_TEMPLATES } from '../../core/documents/templates';
import { changedParts } from '../../core/documents/substance';
import type { Handlers } from '../../core/ipc/dispatch';
import type { DocumentStep } from '../../core/ipc/documents';
import { setBodyTextAs } from '../../core/records/body-authors';
import { captureBody } from '../../core/records/body-snapshot';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { shareSnapshot, storeBodySnapshot } from '../editor/body-snapshots';
import { act, createRecord } from '../kernel/act';
import type { AreaContext } from '../kernel/module';
import { addressees, deliverCopy, systemUnits } from './distribution';
import { readDocument } from './handlers';
import { numberDocument } from './number-step';
import { documentRepo } from './repository';
import { currentSubstance, documentState, documentWorkflow } from './workflow-view';
import { readDocumentFields } from '../../core/documents/projection';
import type { DocKind } from '../../core/documents/model';

/** The fields of a new draft of `docKind` from its template, for `unit`. */
function draftFields(docKind: DocKind, unit: string, at: string, extra: Record<string, unknown>): Record<string, unknown> {
  const tpl = DOC_TEMPLATES[docKind];
  return {
    kind: 'document',
    docKind,
    title: tpl.title,
    issuer: unit,
    issuerMark: `${unit}文件`,
    docNumber: '',
    mainRecipients: tpl.mainRecipients,
    ccRecipients: [],
    writtenDate: null,
    period: null,
    createdAt: at,
    updatedAt: at,
    copyNo: '',
    secrecy: '',
    urgency: '',
    jointIssuers: [],
    attachmentNote: [],
    note: '',
    printer: unit,
    printDate: null,
    publicity: tpl.publicity,
    issuerCode: '',
    ...extra,
  };
}

/** The steps that record the body as they leave it (the 花脸稿 between them; the 清稿 签发 and 复核 sign). */
const BODY_STEPS: ReadonlySet<string> = new Set(['submit', 'review', 'countersign', 'issue', 'recheck']);

/** The 发文 workflow's own methods (core/ipc/documents.ts), through the kernel's one act path. */
export function documentWorkflowHandlers(ctx: AreaContext): Omit<Handlers['documents'], 'get' | 'export'> {
  const { store } = ctx;
  const view = (id: string) => documentWorkflow(store, id, ctx.actor());
  const create = (docKind: DocKind, extra: Record<string, unknown>): string => {
    const actor = ctx.actor();
    const now = ctx.now();
    const fields = draftFields(docKind, actor.unit, now.toISOString(), extra);
    // The same strict check as a form's (涉密 refused with its message).
    const checked = store.registry.byKind('document')!.input!.safeParse(fields);
    if (!checked.success) throw new AppError('BAD_INPUT', checked.error.issues[0]?.message ?? '公文信息有误');
    return createRecord(
      store,
      store.registry,
      {
        kind: 'document',
        build: (doc) => {
          for (const [k, v] of Object.entries(checked.data)) if (v !== undefined) fieldsOf(doc).set(k, v);
          // The template's text is the drafter's (the 花脸稿 names them), under a client id of its own.
          setBodyTextAs(doc, actor, DOC_TEMPLATES[docKind].body.join('\n'));
        },
      },
      actor,
      now,
      ctx.signing,
    );
  };
  const step = async (id: string, basis: string | null, s: DocumentStep) => {
    const state = documentState(store, id);
    const { type, ...rest } = s;
    // The body and the substance are read at one moment, before anything asynchronous.
    const capture = BODY_STEPS.has(type) ? captureBody(store.getDoc(id)) : null;
    let payload: Record<string, unknown> = rest;
    if (type === 'submit') payload = { ...rest, docKind: readDocument(store, id).fields.docKind };
    // What 签发 and 复核 sign covers the 清稿 recorded with them (their bodySnapshot.sm3).
    if (type === 'issue' || type === 'recheck') payload = { ...rest, substance: { ...currentSubstance(store, id), body: capture!.sm3 } };
    if (type === 'recheck_request') {
      const substance = currentSubstance(store, id);
      const changed = state.issue ? changedParts(state.issue.substance, substance) : [];
      if (changed.length === 0) throw new AppError('CONFLICT', '签发后内容未作实质性修改,无须复核');
      payload = { changed, substance };
    }
    if (type === 'archive') payload = { note: s.type === 'archive' ? s.opinion : '' };
    if (type === 'withdraw') payload = { reason: s.type === 'withdraw' ? s.opinion : '' };
    const blobs = ctx.blobs?.store;
    if (capture && !blobs) throw new AppError('INTERNAL', '本机附件库不可用,无法记录正文快照');
    const bodySnapshot = capture && blobs ? await storeBodySnapshot(blobs, capture) : undefined;
    act(store, store.registry, { id, basis, type, payload: bodySnapshot ? { ...payload, bodySnapshot } : payload }, ctx.actor(), ctx.now(), ctx.signing);
    if (blobs) shareSnapshot(blobs, bodySnapshot);
    return view(id);
  };
  return {
    list: (filter) => documentRepo(store).rows(filter),
    templates: () => Object.values(DOC_TEMPLATES),
    draft: ({ docKind, ...extra }) => ({ id: create(docKind, Object.fromEntries(Object.entries({ ...extra }).filter(([, v]) => v !== undefined && v !== ''))) }),
    draftFrom: ({ sourceId, docKind }) => {
      const kind = store.kindOf(sourceId);
      if (!kind) throw new AppError('NOT_FOUND', `记录不存在:${sourceId}`);
      const area = store.registry.byKind(kind);
      const title = String((fieldsOf(store.getDoc(sourceId)).get('title') as string | undefined) ?? '').trim();
      const label = `${area?.label ?? kind}${title ? `《${title}》` : ''}`;
      const replyTitle = docKind === '函' && title ? `关于${title}的答复函` : DOC_TEMPLATES[docKind].title;
      return { id: create(docKind, { title: replyTitle, source: { id: sourceId, kind, label } }) };
    },
    drawnFrom: ({ sourceId }) => documentRepo(store).drawnFrom(sourceId),
    workflow: ({ id }) => view(id),
    step: ({ id, basis, step: s }) => step(id, basis, s),
    number: async ({ id }) => {
      await numberDocument(store, id, ctx.actor(), ctx.now(), ctx.signing);
      return view(id);
    },
    distribute: ({ id, external }) => {
      const state = documentState(store, id);
      if (state.phase !== 'sealed') throw new AppError('CONFLICT', state.phase === 'distributed' ? '公文已分发' : '公文用印后才能分发');
      const actor = ctx.actor();
      // Refused before any copy is made.
      const denied = store.registry.byKind('document')!.can(actor, { type: 'distribute' }, state);
      if (denied) throw new AppError('BAD_INPUT', denied);
      const now = ctx.now();
      const fields = readDocumentFields(store.getDoc(id));
      const inSystem = systemUnits();
      const outside = new Set(external);
      const copies = addressees(fields)
        .filter((a) => inSystem.has(a.unit) && !outside.has(a.unit))
        .map((a) => ({ ...a, incomingId: deliverCopy(store, id, a, actor, now, ctx.signing) }));
      const others = [...new Set([...addressees(fields).filter((a) => !copies.some((c) => c.unit === a.unit)).map((a) => a.unit), ...external])];
      if (copies.length === 0 && others.length === 0) throw new AppError('BAD_INPUT', '公文没有主送或抄送单位,无法分发');
      const basis = store.reduced(id).head;
      // The seal covers the content: nothing of the 公文 itself changes from here on.
      act(store, store.registry, { id, basis, type: 'distribute', payload: { substance: currentSubstance(store, id), copies, external: others } }, actor, now, ctx.signing);
      return view(id);
    },
  };
}
