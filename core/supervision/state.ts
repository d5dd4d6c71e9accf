import type { ReportCycle } from '../calendar/report-cycle';
import type { Reduced, ReducedEvent, RejectKind } from '../kernel/reduce';
import type { Stamp } from '../kernel/area';
import type { AttachmentItem } from './attachments';
import type { AssignmentRole, UrgeLevel } from './events';

export type { ReducedEvent, RejectKind, Stamp };

/**
 * The state of one 督办 item, derived from its event log by the kernel's reducer with the 督办
 * area (area.ts, workflow.ts). Nothing here is stored.
 * Timestamps are the events' `at` (ISO instants); dates are Beijing calendar dates.
 */
export type Phase = 'draft' | 'in_progress' | 'review' | 'completed' | 'closed';

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
  /** The units' written 情况说明 in answer (a red 督查单 asks for one), in order. */
  replies: Array<Stamp & { unit: string; text: string }>;
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
  review: (Stamp & { accept: boolean; opinion: string; confirmed: { units: string[]; reason: string } | null }) | null;
}

/** What the 督办 rules change: the area's state in the kernel's reducer. */
export interface SupervisionWork {
  phase: Phase;
  /** In the order units were first assigned. */
  assignments: AssignmentState[];
  acknowledgeDays: number | null;
  reportCycle: ReportCycle | null;
  reports: ReportState[];
  urges: UrgeState[];
  extensions: ExtensionState[];
  /** The first 完成时限 set after 交办 (设定时限), for an item whose fields had none. */
  deadlineSet: (Stamp & { deadline: string; note: string }) | null;
  /** The deadline of the last approved extension; only an approval sets it. */
  extendedDeadline: string | null;
  completions: CompletionState[];
  /** The accepted 办结申请 (its date is the completion date). */
  completed: CompletionState | null;
  closed: (Stamp & { note: string }) | null;
}

/** The state as the 督办 code reads it: the area's state with the reducer's history, head and conflicts. */
export interface SupervisionState extends SupervisionWork {
  /** Id of the last applied linear transition: the basis for the next one. */
  head: string | null;
  history: ReducedEvent[];
  /** Events flagged as conflicts (not applied). */
  conflicts: number;
}

export const PHASE_LABEL: Record<Phase, string> = {
  draft: '待交办',
  in_progress: '办理中',
  review: '办结审核中',
  completed: '已办结',
  closed: '已销号',
};

export const emptyState = (): SupervisionWork => ({
  phase: 'draft',
  assignments: [],
  acknowledgeDays: null,
  reportCycle: null,
  reports: [],
  urges: [],
  extensions: [],
  deadlineSet: null,
  extendedDeadline: null,
  completions: [],
  completed: null,
  closed: null,
});

/** The kernel's reduction of a 督办 record as the 督办 code reads it (history, head and conflicts beside the state). */
export function supervisionStateOf(reduced: Reduced<SupervisionWork>): SupervisionState {
  return { ...reduced.state, head: reduced.head, history: reduced.history, conflicts: reduced.conflicts };
}
