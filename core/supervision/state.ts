import type { ReportCycle } from '../calendar/report-cycle';
import type { Actor } from './actor';
import type { AttachmentItem } from './attachments';
import type { AssignmentRole, SupervisionEvent, UrgeLevel } from './events';

/**
 * The state of one 督办 item, derived from its event log (workflow.ts). Nothing here is stored.
 * Timestamps are the events' `at` (ISO instants); dates are Beijing calendar dates.
 */
export type Phase = 'draft' | 'in_progress' | 'review' | 'completed' | 'closed';

/** Who did it and when; `eventId` points into the history. */
export interface Stamp {
  eventId: string;
  at: string;
  by: Actor;
}

export interface ReportState extends Stamp {
  unit: string;
  text: string;
  percent: number;
  /** Files of the record (`sm3`), or bare names from old logs (`sm3: null`). */
  attachments: AttachmentItem[];
  milestones: string[];
  returned: (Stamp & { opinion: string }) | null;
}

export interface EvaluationState extends Stamp {
  score: number;
  comment: string;
}

export interface AssignmentState {
  unit: string;
  role: AssignmentRole;
  /** A collective name (市直各部门): nobody can sign for it until it is expanded into units. */
  group: boolean;
  contact: string;
  phone: string;
  part: string;
  assigned: Stamp;
  acknowledged: Stamp | null;
  /** The unit's latest report that was not returned. */
  lastReport: ReportState | null;
  /** Percent of that report, 0 without one. */
  percent: number;
  evaluation: EvaluationState | null;
}

export interface UrgeState extends Stamp {
  level: UrgeLevel;
  units: string[];
  text: string;
  /** unit → who confirmed reading it. */
  reads: Record<string, Stamp>;
}

export interface ExtensionState extends Stamp {
  unit: string;
  deadline: string;
  reason: string;
  decision: (Stamp & { approve: boolean; deadline: string | null; opinion: string }) | null;
}

export interface CompletionState extends Stamp {
  unit: string;
  summary: string;
  /** Files of the record (`sm3`), or bare names from old logs (`sm3: null`). */
  attachments: AttachmentItem[];
  review: (Stamp & { accept: boolean; opinion: string }) | null;
}

/** Why an event was not applied: shown in the history, never dropped. */
export type RejectKind = 'identity' | 'permission' | 'basis' | 'state' | 'invalid' | 'unknown';

export interface ReducedEvent {
  event: SupervisionEvent;
  applied: boolean;
  /** Why it was not applied (a conflict to look at), or null. */
  conflict: string | null;
  rejectKind: RejectKind | null;
  /** A remark on an applied or harmlessly ignored event (e.g. 重复签收). */
  note: string | null;
}

export interface SupervisionState {
  phase: Phase;
  /** Id of the last applied linear transition: the basis for the next one. */
  head: string | null;
  history: ReducedEvent[];
  /** Events flagged as conflicts (not applied). */
  conflicts: number;
  /** In the order units were first assigned. */
  assignments: AssignmentState[];
  acknowledgeDays: number | null;
  reportCycle: ReportCycle | null;
  reports: ReportState[];
  urges: UrgeState[];
  extensions: ExtensionState[];
  /** The deadline of the last approved extension; only an approval sets it. */
  extendedDeadline: string | null;
  completions: CompletionState[];
  /** The accepted 办结申请 (its date is the completion date). */
  completed: CompletionState | null;
  closed: (Stamp & { note: string }) | null;
}

export const PHASE_LABEL: Record<Phase, string> = {
  draft: '待交办',
  in_progress: '办理中',
  review: '办结审核中',
  completed: '已办结',
  closed: '已销号',
};

export const emptyState = (): SupervisionState => ({
  phase: 'draft',
  head: null,
  history: [],
  conflicts: 0,
  assignments: [],
  acknowledgeDays: null,
  reportCycle: null,
  reports: [],
  urges: [],
  extensions: [],
  extendedDeadline: null,
  completions: [],
  completed: null,
  closed: null,
});
