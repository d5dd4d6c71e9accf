import { z } from 'zod';
import type { Actor } from '../kernel/actor';
import { defineArea, type Action, type EventSpec, type RecordView } from '../kernel/area';
import { CREATE, EDIT, EditPayload } from '../kernel/event';
import type { Reduced } from '../kernel/reduce';
import { supervisionDeadlines, supervisionNotices, supervisionTodos } from './area-inbox';
import { SUPERVISION_MIGRATIONS, SUPERVISION_TABLES, supervisionRows } from './area-projection';
import { EVENT_LABEL, EVENT_TYPES, isEventType, LINEAR_TYPES, PAYLOADS } from './events';
import { SupervisionFields } from './model';
import { permissionError, UNIT_ACTIONS } from './permissions';
import { analysisOf, supervisionFieldsOf, type SupervisionAnalysis } from './projection';
import { RULES } from './rules';
import { supervisionSearchNotes } from './search-text';
import { emptyState, type SupervisionWork } from './state';

/**
 * 督查督办 as a kernel area (core/kernel/area.ts): its events and rules (events.ts, rules.ts), its
 * one permission rule (permissions.ts, plus 立项 and editing), its list projection
 * (area-projection.ts) and what it gives the shared 待办, notifications and deadlines
 * (area-inbox.ts). Registered in core/areas.ts.
 */

/** 立项, 分解 and editing are the 督查室's (administrators may correct records). */
const EDITORS: ReadonlySet<string> = new Set(['supervisor', 'admin']);

/** Who may take `action` on an item in `state` (null: allowed). Decides from the actor and the state only. */
export function supervisionCan(actor: Actor, action: Action, state: SupervisionWork): string | null {
  if (action.type === CREATE) return EDITORS.has(actor.role) ? null : '只有督查室可以立项或分解督办事项';
  if (action.type === EDIT) {
    if (!EDITORS.has(actor.role)) return '只有督查室可以修改督办事项';
    const edit = EditPayload.safeParse(action.payload);
    // After 交办 the deadline assessed moves only by an approved extension (an event).
    if (edit.success && edit.data.fields.includes('deadline') && state.phase !== 'draft') return '已交办事项的完成时限不能在编辑中修改:未设时限的请用“设定时限”,已有时限的须经延期审批';
    return null;
  }
  if (!isEventType(action.type)) return '未知的操作';
  const named = (action.payload as { unit?: unknown } | undefined)?.unit;
  const unit = typeof named === 'string' ? named : UNIT_ACTIONS.has(action.type) ? actor.unit : undefined;
  return permissionError(action.type, actor, state, unit);
}

const EVENTS: Record<string, EventSpec> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, { label: EVENT_LABEL[type], payload: PAYLOADS[type], linear: LINEAR_TYPES.has(type) }]),
);

/** Derived once per record view: every part below (rows, 待办, notices, deadlines, search) reads the same analysis. */
const analyses = new WeakMap<object, SupervisionAnalysis>();
function analysed(view: RecordView<SupervisionWork, SupervisionFields>): SupervisionAnalysis {
  let a = analyses.get(view);
  if (!a) {
    a = analysisOf(view.fields, view.body, view.reduced as Reduced<SupervisionWork>);
    analyses.set(view, a);
  }
  return a;
}

export const supervisionArea = defineArea<SupervisionWork, SupervisionFields>({
  kind: 'supervision',
  label: '督办事项',
  fieldLabels: {
    title: '事项',
    section: '所属部分',
    subsection: '分项',
    lead: '牵头单位',
    responsible: '责任单位',
    deadline: '完成时限',
    deadlinePhrase: '时限原文',
    milestones: '节点目标',
    code: '编号',
    order: '排序',
    sourceId: '来源文件',
    sourceKind: '来源类别',
    sourceLabel: '来源',
    progressNote: '工作进展',
    body: '正文',
  },
  // Reads any JSON: the fields map is unsigned data from other replicas.
  input: SupervisionFields,
  fields: z.unknown().transform((json) => supervisionFieldsOf(json)),
  events: EVENTS,
  initial: emptyState,
  rules: RULES as unknown as Record<string, (state: SupervisionWork, payload: never) => ReturnType<(typeof RULES)['assign']>>,
  can: supervisionCan,
  access: (state) => state.assignments.map((a) => a.unit),
  projection: {
    tables: SUPERVISION_TABLES,
    migrations: SUPERVISION_MIGRATIONS,
    rows: (view) => supervisionRows(view.id, analysed(view)),
  },
  search: (view) => {
    const a = analysed(view);
    return { title: `${a.fields.code} ${a.fields.title}`.trim(), body: a.body, notes: supervisionSearchNotes(a) };
  },
  todos: (view) => supervisionTodos(analysed(view)),
  deadlines: (view) => supervisionDeadlines(analysed(view)),
  notifications: (view) => supervisionNotices(view.id, analysed(view)),
});
