import type { Actor } from '../kernel/actor';
import type { ProposalTerms } from './terms';

/**
 * A proposal's workflow state, derived from its events (rules.ts) by the kernel's reducer.
 *
 * registered (待交办) → handling (办理中) → replied (已答复, 待登记满意度) → rated (待办结) → closed.
 * 不满意 in the first round: dissatisfied (待重新办理) → redo (重新办理中) → replied → rated.
 */
export type ProposalPhase = 'registered' | 'handling' | 'replied' | 'dissatisfied' | 'redo' | 'rated' | 'closed';

export const PHASE_LABEL: Record<ProposalPhase, string> = {
  registered: '待交办',
  handling: '办理中',
  replied: '已答复',
  dissatisfied: '待重新办理',
  redo: '重新办理中',
  rated: '待办结',
  closed: '已办结',
};

export interface Act {
  eventId: string;
  at: string;
  /** Beijing date of `at`: what deadlines count from. */
  on: string;
  by: Actor;
}

export interface Assignment extends Act {
  lead: string;
  helpers: string[];
  /** Set by a granted 调整 (the deadline starts again from it). */
  adjusted: boolean;
}

export interface AdjustRequest extends Act {
  unit: string;
  reason: string;
  suggestion: string;
  decision: (Act & { granted: boolean; note: string }) | null;
}

export interface ContactRecord extends Act {
  date: string;
  form: string;
  people: string;
  summary: string;
}

export interface Opinion extends Act {
  unit: string;
  text: string;
}

export interface ExtensionRequest extends Act {
  reason: string;
  until: string | null;
  decision: (Act & { granted: boolean; until: string | null; note: string; notified: string }) | null;
}

export interface Reply extends Act {
  round: number;
  documentId: string;
  resultClass: string;
  classLabel: string;
  publish: boolean;
  /** The 公文's 签发/用印 event ids the unit answered with. */
  signatures: string[];
}

export interface Satisfaction extends Act {
  round: number;
  level: '满意' | '基本满意' | '不满意';
  /** The day the proposer answered. */
  date: string;
  note: string;
}

export interface ProposalState {
  phase: ProposalPhase;
  /** The liaison office (the unit that registered it: the `create` event); it decides and records for the proposer. */
  office: string | null;
  terms: ProposalTerms | null;
  /** The first 交办 (the adjust window counts from it). */
  firstAssignment: Assignment | null;
  /** The 交办 in force (after any granted 调整). */
  assignment: Assignment | null;
  adjustRequests: AdjustRequest[];
  contacts: ContactRecord[];
  opinions: Opinion[];
  extension: ExtensionRequest | null;
  /** The 答复函 being drafted for the current round (a 公文 of kind 函). */
  draft: (Act & { documentId: string; title: string }) | null;
  round: number;
  replies: Reply[];
  satisfactions: Satisfaction[];
  redo: (Act & { note: string }) | null;
  closed: (Act & { note: string }) | null;
}

export const emptyProposalState = (): ProposalState => ({
  phase: 'registered',
  office: null,
  terms: null,
  firstAssignment: null,
  assignment: null,
  adjustRequests: [],
  contacts: [],
  opinions: [],
  extension: null,
  draft: null,
  round: 1,
  replies: [],
  satisfactions: [],
  redo: null,
  closed: null,
});

/** The units on the proposal now: 主办 first. */
export const unitsOf = (s: ProposalState): string[] => (s.assignment ? [s.assignment.lead, ...s.assignment.helpers] : []);

export const lastOf = <T>(list: readonly T[]): T | null => list[list.length - 1] ?? null;
