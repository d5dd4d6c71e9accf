import { recordLight } from '../../core/kernel/light';
import type { Actor } from '../../core/kernel/actor';
import { availableActions } from '../../core/proposals/actions';
import type { ProposalView } from '../../core/proposals/contract';
import { proposalDeadlines } from '../../core/proposals/deadlines';
import { PROPOSAL_KIND } from '../../core/proposals/model';
import { adjustWindowEnd } from '../../core/proposals/rules';
import { PHASE_LABEL, type ProposalState } from '../../core/proposals/state';
import { contentHash } from '../../core/records/content-hash';
import { fieldsOf } from '../../core/records/record-doc';
import { SIGN_EVENT } from '../../core/records/sign-event';
import { AppError } from '../../core/result';
import type { EventSigning } from '../kernel/signing';
import { verifySignEvent } from '../signatures/handlers';
import type { Store } from '../store/store';

/** The proposal's state; NOT_FOUND for an unknown id or another kind. */
export function proposalState(store: Store, id: string): ProposalState {
  if (!store.has(id) || store.kindOf(id) !== PROPOSAL_KIND) throw new AppError('NOT_FOUND', `建议提案不存在:${id}`);
  return store.reduced<ProposalState>(id).state;
}

/** The 答复函's title and its 签发/用印, each checked (valid = covers the 函 as it is now). */
export function replyDocument(store: Store, documentId: string, signing?: EventSigning): NonNullable<ProposalView['draft']> {
  if (!store.has(documentId)) return { id: documentId, title: '(答复函尚未同步到本机)', signatures: [] };
  const doc = store.getDoc(documentId);
  const current = contentHash(doc);
  const trust = signing?.trust?.() ?? null;
  const title = fieldsOf(doc).get('title');
  const signatures = store
    .events(documentId)
    .filter((e) => e.status !== 'rejected' && e.event.type === SIGN_EVENT)
    .map((e) => verifySignEvent(documentId, e.event, current, trust))
    .map((s) => ({ eventId: s.eventId, kind: s.kind, by: s.signerName, at: s.time, valid: s.status === 'valid' }))
    // 签发 is the 公文 workflow's own signed step (`issue`), not a bare `sign`.
    .filter((s) => s.kind !== '签发');
  const issued = issueOf(store, documentId);
  return { id: documentId, title: typeof title === 'string' ? title : '', signatures: issued ? [issued, ...signatures] : signatures };
}

/** Phases a 公文 reaches only after 签发 with no substantive change since (a change sends it back to 复核). */
const ISSUED = new Set(['issued', 'numbering', 'numbered', 'sealed', 'distributed', 'archived']);

/** The 公文 workflow's 签发 as the 答复 needs it: signed (the kernel signs every step) and still covering the text. */
function issueOf(store: Store, documentId: string): NonNullable<ProposalView['draft']>['signatures'][number] | null {
  const state = store.reduced<{ phase?: string; issue?: { eventId: string; by: { name: string }; at: string } | null }>(documentId).state;
  if (!state.issue) return null;
  return { eventId: state.issue.eventId, kind: '签发', by: state.issue.by.name, at: state.issue.at, valid: ISSUED.has(state.phase ?? '') };
}

export function proposalView(store: Store, id: string, actor: Actor, today: string, signing?: EventSigning): ProposalView {
  const state = proposalState(store, id);
  const deadlines = proposalDeadlines(state);
  const light = recordLight(deadlines, today, { closed: state.phase === 'closed' });
  const adjustUntil = state.phase === 'handling' && state.replies.length === 0 ? adjustWindowEnd(state) : null;
  return {
    id,
    phase: state.phase,
    phaseLabel: PHASE_LABEL[state.phase],
    state: JSON.parse(JSON.stringify(state)) as Record<string, unknown>,
    deadlines: deadlines.map((d) => ({ name: d.name, due: d.due, rule: d.rule, done: d.done, step: !!d.step, estimated: d.estimated })),
    light: light.light,
    lightReasons: light.reasons,
    adjustUntil,
    draft: state.draft ? replyDocument(store, state.draft.documentId, signing) : null,
    actions: availableActions(actor, state, today, adjustUntil),
  };
}
