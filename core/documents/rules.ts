import { apply, reject, type Outcome, type Stamp } from '../kernel/area';
import { type SignPayload } from '../records/sign-event';
import { signRule } from '../records/sign-area';
import { type DocEventType, type DocPayload } from './events';
import { issuerUnits, reviewersDue, type DocumentState, type DocPhase } from './state';
import { changedParts, type Substance } from './substance';

/**
 * The state rule of each 发文 event, after the kernel checked the actor, the payload and `can()`.
 * Each rule checks the phase (a late or concurrent action is flagged, never applied) and changes
 * the state; permissions are in permissions.ts.
 */
type Rule<T extends DocEventType> = (s: DocumentState, p: DocPayload<T>, stamp: Stamp) => Outcome;

const notIn = (s: DocumentState, ...phases: DocPhase[]): Outcome | null =>
  phases.includes(s.phase) ? null : reject(`公文当前状态不能进行此操作`);

function opinion(s: DocumentState, stamp: Stamp, step: string, decision: string, text: string): void {
  s.opinions.push({ eventId: stamp.eventId, step, by: stamp.by, at: stamp.at, decision, opinion: text });
}

/** Back to the drafter: everything after 拟稿 starts again (the opinions stay). */
function backToDraft(s: DocumentState): void {
  s.phase = 'draft';
  s.passed = [];
  s.countersigned = [];
  s.issue = null;
  s.recheckFrom = null;
  s.changed = [];
  s.bodyMode = 'free';
}

/** After 核稿 (or without reviewers): 会签 when units were named, else 待签发. */
function afterReview(s: DocumentState): void {
  s.phase = s.countersignUnits.length > 0 ? 'countersign' : 'issue';
}

/** A step after 签发 must act on the substance the leader signed; else it needs 复核 first. */
function sameSubstance(s: DocumentState, substance: Substance): Outcome | null {
  if (!s.issue) return reject('公文尚未签发');
  const changed = changedParts(s.issue.substance, substance);
  return changed.length === 0 ? null : reject(`签发后${changed.join('、')}有实质性修改,须送签发人复核`);
}

const submit: Rule<'submit'> = (s, p, stamp) =>
  notIn(s, 'draft') ??
  apply(() => {
    s.unit = stamp.by.unit;
    s.drafter ??= stamp.by.login;
    s.docKind = p.docKind;
    s.reviewers = p.reviewers;
    s.reviewMode = p.mode;
    s.passed = [];
    s.countersignUnits = p.countersign.filter((u) => u !== stamp.by.unit);
    s.jointIssuers = p.jointIssuers.filter((u) => u !== stamp.by.unit);
    // A 联合发文's other 发文机关 always countersign.
    for (const u of s.jointIssuers) if (!s.countersignUnits.includes(u)) s.countersignUnits.push(u);
    s.countersigned = [];
    s.bodyMode = 'suggest';
    if (p.opinion) opinion(s, stamp, '送审', 'submit', p.opinion);
    if (p.reviewers.length > 0) s.phase = 'review';
    else afterReview(s);
  });

const review: Rule<'review'> = (s, p, stamp) => {
  const bad = notIn(s, 'review');
  if (bad) return bad;
  if (!reviewersDue(s).some((r) => r.login === stamp.by.login)) return reject('尚未轮到您核稿,或您已核稿');
  return apply(() => {
    opinion(s, stamp, '核稿', p.decision, p.opinion);
    if (p.decision === 'return') return backToDraft(s);
    s.passed.push(stamp.by.login);
    if (s.reviewers.every((r) => s.passed.includes(r.login))) afterReview(s);
  });
};

const countersign: Rule<'countersign'> = (s, p, stamp) => {
  const bad = notIn(s, 'countersign');
  if (bad) return bad;
  if (s.countersigned.includes(stamp.by.unit)) return reject(`${stamp.by.unit}已会签`);
  return apply(() => {
    opinion(s, stamp, '会签', p.decision, p.opinion);
    if (p.decision === 'return') return backToDraft(s);
    s.countersigned.push(stamp.by.unit);
    if (s.countersignUnits.every((u) => s.countersigned.includes(u))) s.phase = 'issue';
  });
};

const issue: Rule<'issue'> = (s, p, stamp) =>
  notIn(s, 'issue') ??
  apply(() => {
    opinion(s, stamp, '签发', p.decision, p.opinion);
    if (p.decision === 'return') return backToDraft(s);
    s.issue = { eventId: stamp.eventId, by: stamp.by, at: stamp.at, opinion: p.opinion, substance: p.substance };
    s.phase = 'issued';
  });

const recheckRequest: Rule<'recheck_request'> = (s, p) => {
  const bad = notIn(s, 'issued', 'numbering', 'numbered');
  if (bad) return bad;
  if (s.issue && changedParts(s.issue.substance, p.substance).length === 0) return reject('签发后内容未作实质性修改,无须复核');
  return apply(() => {
    s.recheckFrom = s.phase === 'numbered' ? 'numbered' : s.phase === 'numbering' ? 'numbering' : 'issued';
    s.changed = p.changed;
    s.phase = 'recheck';
  });
};

const recheck: Rule<'recheck'> = (s, p, stamp) =>
  notIn(s, 'recheck') ??
  apply(() => {
    opinion(s, stamp, '复核', p.decision, p.opinion);
    if (p.decision === 'return') return backToDraft(s);
    s.issue = { eventId: stamp.eventId, by: stamp.by, at: stamp.at, opinion: p.opinion, substance: p.substance };
    s.phase = s.recheckFrom ?? 'issued';
    s.recheckFrom = null;
    s.changed = [];
  });

const requestNumber: Rule<'request_number'> = (s, p, stamp) =>
  notIn(s, 'issued') ??
  sameSubstance(s, p.substance) ??
  apply(() => {
    s.numberRequest = { issuerCode: p.issuerCode, year: p.year, by: stamp.by.login };
    s.phase = 'numbering';
  });

const number: Rule<'number'> = (s, p, stamp) => {
  const bad = notIn(s, 'issued', 'numbering') ?? sameSubstance(s, p.substance);
  if (bad) return bad;
  return apply(() => {
    s.number = { docNumber: p.docNumber, issuerCode: p.issuerCode, year: p.year, seq: p.seq, local: p.local, eventId: stamp.eventId };
    s.numberRequest = null;
    s.phase = 'numbered';
  });
};

const seal = (s: DocumentState, p: SignPayload, stamp: Stamp): Outcome => {
  // Early 签发 `sign` events (before this workflow) are kept in the history and change nothing.
  if (p.kind === '签发') return { kind: 'ignore', note: '早期签发,不属于发文流程的签发' };
  const bad = notIn(s, 'numbered');
  if (bad) return bad;
  const unit = p.unit ?? stamp.by.unit;
  if (!issuerUnits(s).includes(unit)) return reject(`${unit}不是本文的发文机关,不能用印`);
  if (s.sealedUnits.includes(unit)) return reject(`${unit}已用印`);
  const inner = signRule(s.signatures, p, stamp);
  return apply(() => {
    if (inner.kind === 'apply') inner.run();
    s.sealedUnits.push(unit);
    if (issuerUnits(s).every((u) => s.sealedUnits.includes(u))) s.phase = 'sealed';
  });
};

const distribute: Rule<'distribute'> = (s, p) =>
  notIn(s, 'sealed') ??
  sameSubstance(s, p.substance) ??
  apply(() => {
    s.copies = p.copies;
    s.external = p.external;
    s.phase = 'distributed';
  });

const archive: Rule<'archive'> = (s, _p, stamp) =>
  notIn(s, 'distributed') ??
  apply(() => {
    s.archived = { at: stamp.at, by: stamp.by };
    s.phase = 'archived';
  });

/** Only a draft nobody else holds (拟稿, or returned to it) is withdrawn; the opinions stay. */
const withdraw: Rule<'withdraw'> = (s, p, stamp) =>
  notIn(s, 'draft') ??
  apply(() => {
    s.phase = 'withdrawn';
    if (p.reason) opinion(s, stamp, '撤销', 'withdraw', p.reason);
  });

export const DOC_RULES = { submit, withdraw, review, countersign, issue, recheck_request: recheckRequest, recheck, request_number: requestNumber, number, sign: seal, distribute, archive };
