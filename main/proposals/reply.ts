import { beijingDate } from '../../core/calendar/iso-date';
import type { Actor } from '../../core/kernel/actor';
import { proposalFieldsOf } from '../../core/proposals/model';
import { proposalCan } from '../../core/proposals/permissions';
import { setBodyTextAs } from '../../core/records/body-authors';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { act, createRecord } from '../kernel/act';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { proposalState, replyDocument } from './view';

/**
 * The 答复函: a 公文 of kind 函 (a record of kind `document`), drafted, 签发 and 用印 in the 公文
 * workflow, linked both ways — the proposal's `link_reply` event names the 公文, and the
 * projection's `proposal_replies` answers "which proposal does this 函 answer" (proposals.ofDocument).
 *
 * Until the 公文 branch's `documents.draftFrom {sourceId, docKind}` lands, the draft is made here
 * as a plain `document` record through the kernel's create path (the 公文 area's own permission
 * rule decides who may draft); after the merge `draftReply` calls draftFrom instead and keeps the
 * `link_reply` event. The 答复 follows the 公文's outcome by reading it: `reply` is accepted only
 * when the linked 函 carries a valid 签发 and a valid 用印 over its current content, and the
 * event records their ids (the server cannot read another record, so the check is here, and the
 * ids make it auditable on every replica).
 */
export interface ReplyContext {
  store: Store;
  actor: Actor;
  now: Date;
  signing?: EventSigning;
}

export function draftReply(ctx: ReplyContext, id: string, basis: string | null): { documentId: string } {
  const state = proposalState(ctx.store, id);
  const denied = proposalCan(ctx.actor, { type: 'link_reply' }, state);
  if (denied) throw new AppError('BAD_INPUT', denied);
  if (state.phase !== 'handling' && state.phase !== 'redo') throw new AppError('CONFLICT', '此件不在办理中,不能起草答复函');
  const f = proposalFieldsOf(fieldsOf(ctx.store.getDoc(id)).toJSON());
  const who = f.category === '提案' ? '委员' : '代表';
  const session = [f.session, f.meeting].filter(Boolean).join('');
  const title = `关于${session ? `${session}` : ''}第${f.number}号${f.category}的答复${state.round > 1 ? '(重新办理)' : ''}`;
  const at = ctx.now.toISOString();
  const documentId = createRecord(
    ctx.store,
    ctx.store.registry,
    {
      kind: 'document',
      build: (doc) => {
        const map = fieldsOf(doc);
        const values: Record<string, unknown> = {
          kind: 'document',
          docKind: '函',
          title,
          issuer: ctx.actor.unit,
          issuerMark: ctx.actor.unit,
          docNumber: '',
          // The link back, as documents.draftFrom writes it: the 发文 page shows 来源 and drawnFrom finds it.
          source: { id, kind: 'proposal', label: `${f.category}《${f.title}》` },
          // 机关代字 of a 答复函 by default the unit's name + 函 (e.g. 市教育局函〔2024〕3号); editable before 编号.
          issuerCode: `${ctx.actor.unit.replace(/[\s〔〕[\]()（）]/gu, '').slice(0, 19)}函`,
          mainRecipients: [`${f.lead.name}${who}`],
          ccRecipients: state.office ? [state.office] : [],
          writtenDate: beijingDate(ctx.now),
          period: null,
          createdAt: at,
          updatedAt: at,
        };
        for (const [k, v] of Object.entries(values)) map.set(k, v);
        setBodyTextAs(doc, ctx.actor, [`${f.lead.name}${who}:`, `您提出的《${f.title}》收悉。现答复如下:`, '一、', '二、', '感谢您对我们工作的关心和支持。', `联系单位:${ctx.actor.unit}`].join('\n'));
      },
    },
    ctx.actor,
    ctx.now,
    ctx.signing,
  );
  act(ctx.store, ctx.store.registry, { id, basis, type: 'link_reply', payload: { documentId, title } }, ctx.actor, ctx.now, ctx.signing);
  return { documentId };
}

export function replyWithLetter(ctx: ReplyContext, id: string, basis: string | null, resultClass: string, publish: boolean): void {
  const state = proposalState(ctx.store, id);
  if (!state.draft) throw new AppError('CONFLICT', '请先起草答复函');
  const letter = replyDocument(ctx.store, state.draft.documentId, ctx.signing);
  const valid = (kind: string) => letter.signatures.filter((s) => s.kind === kind && s.valid);
  const missing = ['签发', '用印'].filter((k) => valid(k).length === 0);
  if (missing.length > 0) throw new AppError('CONFLICT', `答复函尚未${missing.join('、')}(或签章不再覆盖当前版本),不能答复`);
  const signatures = [...valid('签发'), ...valid('用印')].map((s) => s.eventId);
  act(ctx.store, ctx.store.registry, { id, basis, type: 'reply', payload: { documentId: letter.id, resultClass, publish, signatures } }, ctx.actor, ctx.now, ctx.signing);
}
