import type { DocumentState } from '../../core/documents/state';
import { issuerUnits, PHASE_LABEL, reviewersDue } from '../../core/documents/state';
import { changedParts, legacyBodyHash, substanceOf } from '../../core/documents/substance';
import type { DocumentWorkflow } from '../../core/documents/view';
import { INCOMING_PHASE_LABEL, type IncomingState } from '../../core/incoming/state';
import type { Actor } from '../../core/kernel/actor';
import { isOffered } from '../../core/kernel/reduce';
import { bodyBlocks, cleanText } from '../../core/records/body-blocks';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { SourceLink } from '../../core/documents/model';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';

/** The 公文's state; NOT_FOUND for an unknown id or another kind. */
export function documentState(store: Store, id: string): DocumentState {
  if (!store.has(id) || store.kindOf(id) !== 'document') throw new AppError('NOT_FOUND', `公文不存在:${id}`);
  return store.reduced<DocumentState>(id).state;
}

/**
 * The substance of the 公文 as it is now (what a step after 签发 acts on). A 签发 signed before
 * the 正文 hash covered the 清稿 names the body in its older form; while the body is unchanged it
 * is named in that form again, so such a 公文 goes on to 编号 without a needless 复核.
 */
export function currentSubstance(store: Store, id: string) {
  const doc = store.getDoc(id);
  const now = substanceOf(fieldsOf(doc).toJSON() as Record<string, unknown>, cleanText(bodyBlocks(doc)));
  const signed = store.reduced<DocumentState>(id).state.issue?.substance.body;
  return signed && signed !== now.body && signed === legacyBodyHash(bodyText(doc)) ? { ...now, body: signed } : now;
}

/** What the 发文 pages show of the workflow, for `actor`. */
export function documentWorkflow(store: Store, id: string, actor: Actor): DocumentWorkflow {
  const s = documentState(store, id);
  const reduced = store.reduced<DocumentState>(id);
  const area = store.registry.byKind('document')!;
  const due = new Set(reviewersDue(s).map((r) => r.login));
  const fields = fieldsOf(store.getDoc(id)).toJSON() as Record<string, unknown>;
  const source = SourceLink.safeParse(fields.source);
  const copyPhase = (incomingId: string): string | null =>
    store.has(incomingId) && store.kindOf(incomingId) === 'incoming' ? INCOMING_PHASE_LABEL[store.reduced<IncomingState>(incomingId).state.phase] : null;
  return {
    id,
    phase: s.phase,
    phaseLabel: PHASE_LABEL[s.phase],
    bodyMode: s.bodyMode,
    head: reduced.head,
    unit: s.unit ?? reduced.created?.by.unit ?? null,
    drafter: s.drafter ?? reduced.created?.by.login ?? null,
    reviewers: s.reviewers.map((r) => ({ ...r, passed: s.passed.includes(r.login), due: due.has(r.login) })),
    reviewMode: s.reviewMode,
    countersign: s.countersignUnits.map((unit) => ({ unit, done: s.countersigned.includes(unit) })),
    jointIssuers: s.jointIssuers,
    opinions: s.opinions.map((o) => ({ eventId: o.eventId, step: o.step, name: o.by.name, unit: o.by.unit, at: o.at, decision: o.decision, opinion: o.opinion })),
    issue: s.issue ? { name: s.issue.by.name, login: s.issue.by.login, at: s.issue.at, opinion: s.issue.opinion } : null,
    changedSinceIssue: s.issue && ['issued', 'numbering', 'recheck'].includes(s.phase) ? changedParts(s.issue.substance, currentSubstance(store, id)) : [],
    number: s.number ? { docNumber: s.number.docNumber, local: s.number.local } : null,
    awaitingNumber: s.phase === 'numbering',
    sealedUnits: s.sealedUnits.filter((u) => issuerUnits(s).includes(u)),
    copies: s.copies.map((c) => ({ ...c, phaseLabel: copyPhase(c.incomingId) })),
    external: s.external,
    source: source.success ? source.data : null,
    actions: Object.keys(area.events).filter((type) => isOffered(area, actor, { type }, s))
      // 送复核 is offered only when the substance did change.
      .filter((type) => type !== 'recheck_request' || (s.issue !== null && changedParts(s.issue.substance, currentSubstance(store, id)).length > 0)),
  };
}
