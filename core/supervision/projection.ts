import type * as Y from 'yjs';
import type { HolidayCalendar } from '../calendar/holiday-calendar';
import { canonicalUnitName } from '../directory/units';
import type { Reduced } from '../kernel/reduce';
import { bodyText, fieldsOf } from '../records/record-doc';
import { Milestone, SourceKind, SupervisionFields, SupervisionLevel, type SupervisionStatus } from './model';
import { progressOf, scheduleOf, type ItemSchedule } from './schedule';
import { supervisionStateOf, type SupervisionState, type SupervisionWork } from './state';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a supervision record doc; fields that fail the schema fall back to safe defaults. */
export const readSupervisionFields = (doc: Y.Doc): SupervisionFields => supervisionFieldsOf(fieldsOf(doc).toJSON());

/** Reads a supervision record's fields (the Y.Map's JSON); never throws: what fails the schema falls back to safe defaults. */
export function supervisionFieldsOf(json: unknown): SupervisionFields {
  const raw = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const parsed = SupervisionFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const list = (k: string) =>
    Array.isArray(raw[k]) ? (raw[k] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : [];
  const deadline = str('deadline');
  const milestones = Array.isArray(raw.milestones)
    ? raw.milestones.flatMap((m) => {
        const ok = Milestone.safeParse(m);
        return ok.success ? [ok.data] : [];
      })
    : [];
  return {
    kind: 'supervision',
    level: SupervisionLevel.catch('task').parse(raw.level),
    parentId: str('parentId') || null,
    code: str('code'),
    title: str('title') || '(无标题)',
    section: str('section'),
    order: typeof raw.order === 'number' && Number.isInteger(raw.order) ? raw.order : 0,
    subsection: str('subsection'),
    lead: list('lead'),
    responsible: list('responsible'),
    deadline: ISO.test(deadline) ? deadline : null,
    deadlinePhrase: str('deadlinePhrase'),
    milestones,
    progressNote: str('progressNote'),
    sourceId: str('sourceId') || null,
    sourceKind: SourceKind.nullable().catch(null).parse(raw.sourceKind ?? null),
    sourceLabel: str('sourceLabel'),
    createdAt: str('createdAt'),
    updatedAt: str('updatedAt'),
  };
}

/** What the list projection stores for one record. The light is not stored: it depends on today. */
export interface ProjectedRow {
  id: string;
  level: SupervisionLevel;
  code: string;
  title: string;
  section: string;
  subsection: string;
  order: number;
  lead: string[];
  responsible: string[];
  deadline: string | null;
  deadlinePhrase: string;
  status: SupervisionStatus;
  conflict: boolean;
  progressNote: string;
  /** The item's own progress (sub-tasks are rolled up when listed). */
  progress: number;
  parentId: string | null;
  sourceId: string | null;
  sourceKind: SourceKind | null;
  sourceLabel: string;
  createdAt: string;
  updatedAt: string;
}

/** The units listed for filters: the assignments once 交办 (协办 files under 责任), else the 分工 as written. */
function unitsOf(fields: SupervisionFields, state: SupervisionState): { lead: string[]; responsible: string[] } {
  // Filed under the directory's name of each unit, so the filter and 通讯录 count one unit once.
  const named = (units: readonly string[]) => [...new Set(units.map(canonicalUnitName))];
  if (state.assignments.length === 0) return { lead: named(fields.lead), responsible: named(fields.responsible) };
  return {
    lead: named(state.assignments.filter((a) => a.role === 'lead').map((a) => a.unit)),
    responsible: named(state.assignments.filter((a) => a.role !== 'lead').map((a) => a.unit)),
  };
}

/** Everything derived from one record doc, for the projection and the detail view. */
export interface SupervisionAnalysis {
  fields: SupervisionFields;
  state: SupervisionState;
  schedule: ItemSchedule;
  body: string;
}

/** A record's fields and body with its reduced events (the store's `reduced(id)`). */
export function analyseSupervision(doc: Y.Doc, reduced: Reduced<SupervisionWork>, opts: { calendar?: HolidayCalendar } = {}): SupervisionAnalysis {
  return analysisOf(readSupervisionFields(doc), bodyText(doc), reduced, opts);
}

export function analysisOf(fields: SupervisionFields, body: string, reduced: Reduced<SupervisionWork>, opts: { calendar?: HolidayCalendar } = {}): SupervisionAnalysis {
  const state = supervisionStateOf(reduced);
  return { fields, state, schedule: scheduleOf(state, fields, opts), body };
}

/** The stored list row of an analysed record. */
export function rowOf(id: string, { fields: f, state, schedule }: SupervisionAnalysis): ProjectedRow {
  return {
    id,
    level: f.level,
    code: f.code,
    title: f.title,
    section: f.section,
    subsection: f.subsection,
    order: f.order,
    ...unitsOf(f, state),
    deadline: schedule.deadline,
    deadlinePhrase: f.deadlinePhrase,
    status: state.phase,
    conflict: state.conflicts > 0,
    progressNote: f.progressNote,
    progress: progressOf(state),
    parentId: f.parentId,
    sourceId: f.sourceId,
    sourceKind: f.sourceKind,
    sourceLabel: f.sourceLabel,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  };
}
