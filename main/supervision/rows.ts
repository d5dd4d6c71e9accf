import { itemLight, type LightInputs } from '../../core/supervision/item-light';
import { SupervisionStatus, type SupervisionRow } from '../../core/supervision/model';
import { NO_DEADLINE_KEY } from '../../core/supervision/area-projection';

/** One `supervision` row as selected by list-query.ts COLUMNS. */
export interface RowData {
  id: string;
  code: string;
  title: string;
  section: string;
  subsection: string;
  ord: number;
  lead: string;
  responsible: string;
  deadline: string | null;
  status: string;
  conflict: number;
  progress_note: string;
  source_id: string | null;
  updated_at: string;
  deadline_phrase: string;
  extended_deadline: string | null;
  extension_pending: number;
  ack_key: string;
  report_key: string;
  milestone_key: string;
  milestone_id: string;
  milestone_title: string;
  completed_at: string | null;
  progress: number;
  parent_id: string | null;
}

const orNull = (key: string): string | null => (key === NO_DEADLINE_KEY ? null : key);

/** The light inputs kept on the row (the same values the projector computed from the doc). */
export function lightInputsOf(r: RowData): LightInputs {
  return {
    deadline: r.deadline,
    extendedDeadline: r.extended_deadline,
    extensionPending: r.extension_pending !== 0,
    acknowledgeBy: orNull(r.ack_key),
    nextReportDue: orNull(r.report_key),
    milestoneDue: r.milestone_key === NO_DEADLINE_KEY ? null : { id: r.milestone_id, title: r.milestone_title, date: r.milestone_key },
    completedAt: r.completed_at,
  };
}

export interface RowContext {
  today: string;
  warnWorkingDays: number;
  /** Progress rolled up from sub-tasks, for rows that have any. */
  rolled?: ReadonlyMap<string, number>;
}

/** A list row with its light for today (with the reasons, for the tooltip). */
export function toRow(r: RowData, ctx: RowContext): SupervisionRow {
  const light = itemLight(lightInputsOf(r), ctx.today, { warnWorkingDays: ctx.warnWorkingDays });
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    section: r.section,
    subsection: r.subsection,
    order: r.ord,
    lead: JSON.parse(r.lead) as string[],
    responsible: JSON.parse(r.responsible) as string[],
    deadline: r.deadline,
    deadlinePhrase: r.deadline_phrase,
    extendedDeadline: r.extended_deadline,
    status: SupervisionStatus.catch('in_progress').parse(r.status),
    conflict: r.conflict !== 0,
    progressNote: r.progress_note,
    progress: ctx.rolled?.get(r.id) ?? r.progress,
    light: light.light,
    lightReasons: light.reasons,
    parentId: r.parent_id,
    sourceId: r.source_id,
    updatedAt: r.updated_at,
  };
}
