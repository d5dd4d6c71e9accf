import type { Actor } from '../kernel/actor';
import type { SignatureState } from '../records/sign-area';
import type { DocKind } from './model';
import type { Person } from './events';
import type { Substance } from './substance';

/**
 * Where a 发文 stands: 拟稿 → 核稿 → 会签 → 待签发 → 已签发 (待编号 when finished offline) →
 * 已编号 (用印) → 已用印 (分发) → 已分发 → 已归档; 复核 when its substance changed after 签发.
 */
export type DocPhase = 'draft' | 'review' | 'countersign' | 'issue' | 'issued' | 'recheck' | 'numbering' | 'numbered' | 'sealed' | 'distributed' | 'archived' | 'withdrawn';

export const PHASE_LABEL: Record<DocPhase, string> = {
  draft: '拟稿',
  review: '核稿中',
  countersign: '会签中',
  issue: '待签发',
  issued: '已签发',
  recheck: '待复核',
  numbering: '待编号',
  numbered: '待用印',
  sealed: '待分发',
  distributed: '已分发',
  archived: '已归档',
  withdrawn: '已撤销',
};

/** One opinion on the 公文's way (核稿、会签、签发、复核 …), for the 办文单. */
export interface Opinion {
  eventId: string;
  step: string;
  by: Actor;
  at: string;
  decision: string;
  opinion: string;
}

export interface IssueStamp {
  eventId: string;
  by: Actor;
  at: string;
  opinion: string;
  substance: Substance;
}

export interface DocumentState {
  phase: DocPhase;
  /** The drafting unit (发文机关) and the drafter, from the `create` event. */
  unit: string | null;
  drafter: string | null;
  docKind: DocKind | null;
  /** 核稿: the reviewers, in order, and who has passed it this round. */
  reviewers: Person[];
  reviewMode: 'serial' | 'parallel';
  passed: string[];
  countersignUnits: string[];
  countersigned: string[];
  jointIssuers: string[];
  issue: IssueStamp | null;
  /** The phase a 复核 returns to when approved. */
  recheckFrom: DocPhase | null;
  changed: string[];
  number: { docNumber: string; issuerCode: string; year: number; seq: number; local: boolean; eventId: string } | null;
  /** Asked offline: 待编号 for this 机关代字 and year. */
  numberRequest: { issuerCode: string; year: number; by: string } | null;
  /** 用印 (and legacy 签发) `sign` events. */
  signatures: SignatureState[];
  sealedUnits: string[];
  copies: { unit: string; role: '主送' | '抄送'; incomingId: string }[];
  external: string[];
  opinions: Opinion[];
  archived: { at: string; by: Actor } | null;
  /** How the body editor works now (agreed with the editor): free while drafting, 修订 (suggest) after. */
  bodyMode: 'free' | 'suggest';
}

export const initialDocumentState = (): DocumentState => ({
  phase: 'draft',
  unit: null,
  drafter: null,
  docKind: null,
  reviewers: [],
  reviewMode: 'serial',
  passed: [],
  countersignUnits: [],
  countersigned: [],
  jointIssuers: [],
  issue: null,
  recheckFrom: null,
  changed: [],
  number: null,
  numberRequest: null,
  signatures: [],
  sealedUnits: [],
  copies: [],
  external: [],
  opinions: [],
  archived: null,
  bodyMode: 'free',
});

/** The units that seal: the drafting unit and, for 联合发文, the others. */
export const issuerUnits = (s: DocumentState): string[] => [...new Set([s.unit ?? '', ...s.jointIssuers].filter((u) => u !== ''))];

/** The reviewers whose turn it is: the next one in series, or every one who has not passed in parallel. */
export function reviewersDue(s: DocumentState): Person[] {
  if (s.phase !== 'review') return [];
  const open = s.reviewers.filter((r) => !s.passed.includes(r.login));
  return s.reviewMode === 'serial' ? open.slice(0, 1) : open;
}

/** The phases in which each step can be taken (the rules refuse it elsewhere); the pages offer only these. */
export const STEP_PHASES: Readonly<Record<string, readonly DocPhase[]>> = {
  submit: ['draft'],
  review: ['review'],
  countersign: ['countersign'],
  issue: ['issue'],
  recheck_request: ['issued', 'numbering', 'numbered'],
  recheck: ['recheck'],
  request_number: ['issued'],
  number: ['issued', 'numbering'],
  sign: ['numbered'],
  distribute: ['sealed'],
  archive: ['distributed'],
  withdraw: ['draft'],
};
