import { readIncomingFields } from '../../core/incoming/projection';
import type { AssignmentView, SupervisionDetail } from '../../core/ipc/supervision';
import { AppError } from '../../core/result';
import { availableActions } from '../../core/supervision/actions';
import type { Actor } from '../../core/supervision/actor';
import { escalationOf, itemLight } from '../../core/supervision/item-light';
import { CREATE } from '../../core/kernel/event';
import type { ReducedEvent } from '../../core/kernel/reduce';
import { verifyRecordEvent } from '../../core/kernel/signature';
import { analyseSupervision, readSupervisionFields, rowOf } from '../../core/supervision/projection';
import { autoReminders } from '../../core/supervision/reminders';
import type { ItemSchedule } from '../../core/supervision/schedule';
import type { SupervisionState, SupervisionWork } from '../../core/supervision/state';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { supervisionRepo } from './repository';

/** What a detail is read for: today on the host's clock, and who is looking. */
export interface DetailView {
  today: string;
  actor: Actor;
  warnWorkingDays: number;
  /** Verifies each event's signature (the profile's trust); without it signed events read as untrusted. */
  verify?: EventSigning['verify'];
}

function assignmentViews(state: SupervisionState, schedule: ItemSchedule, today: string): AssignmentView[] {
  return state.assignments.map((a) => {
    const s = schedule.units.find((u) => u.unit === a.unit);
    const acknowledgeBy = s?.acknowledgeBy ?? null;
    const nextReportDue = s?.nextReportDue ?? null;
    return {
      ...a,
      acknowledgeBy,
      acknowledgeOverdue: acknowledgeBy !== null && today > acknowledgeBy,
      nextReportDue,
      reportOverdue: nextReportDue !== null && today > nextReportDue,
    };
  });
}

function sourceOf(store: Store, sourceId: string | null): SupervisionDetail['source'] {
  if (!sourceId || store.kindOf(sourceId) !== 'incoming') return null;
  const incoming = readIncomingFields(store.getDoc(sourceId));
  return { id: sourceId, title: incoming.title, docNumber: incoming.docNumber };
}

function parentOf(store: Store, parentId: string | null): SupervisionDetail['parent'] {
  if (!parentId || store.kindOf(parentId) !== 'supervision') return null;
  const parent = readSupervisionFields(store.getDoc(parentId));
  return { id: parentId, title: parent.title, level: parent.level };
}

/** One 督办 item (or 立项) with its derived state, light for today, and what the viewer may do. */
export function readSupervisionDetail(store: Store, id: string, view: DetailView): SupervisionDetail {
  if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
  const analysis = analyseSupervision(store.getDoc(id), store.reduced<SupervisionWork>(id));
  const { fields, state, schedule } = analysis;
  const row = rowOf(id, analysis);
  const opts = { warnWorkingDays: view.warnWorkingDays };
  const light = itemLight(schedule, view.today, opts);
  const repo = supervisionRepo(store);
  const children = repo.children(id, { today: view.today, warnWorkingDays: view.warnWorkingDays });
  const rolled = repo.rolledProgress(id);
  const history = historyOf(store, id, state);
  const events = history.map((h) => h.event);
  const signatures = view.verify ? view.verify(id, events) : events.map((e) => verifyRecordEvent(id, e, null));
  const reached = new Set(state.reports.filter((r) => !r.returned).flatMap((r) => r.milestones));
  return {
    ...row,
    progress: rolled ?? row.progress,
    extendedDeadline: state.extendedDeadline,
    light: light.light,
    lightReasons: light.reasons,
    body: analysis.body,
    head: state.head,
    history: history.map(({ event, applied, conflict, note }, i) => ({ event, applied, conflict, note, signature: signatures[i]! })),
    source: sourceOf(store, fields.sourceId),
    parent: parentOf(store, fields.parentId),
    milestones: fields.milestones.map((m) => ({ ...m, reached: reached.has(m.id) })),
    today: view.today,
    lightView: { ...light, escalation: escalationOf(schedule, view.today, opts) },
    assignments: assignmentViews(state, schedule, view.today),
    acknowledgeDays: state.acknowledgeDays,
    reportCycle: state.reportCycle,
    reports: state.reports,
    urges: state.urges,
    extensions: state.extensions,
    completions: state.completions,
    reminders: autoReminders(id, state, schedule, view.today, opts),
    children,
    // 设定时限 is for an item without one; the fields' deadline is not in the state.
    actions: fields.level === 'task' ? availableActions(state, view.actor).filter((t) => t !== 'set_deadline' || !schedule.deadline) : [],
  };
}

/**
 * 办理记录: the reduced events (edits included) without the record's `create` (the item shows when
 * and by whom it was made), then this machine's events the server refused, with its reason: kept
 * and shown to their author, never applied.
 */
function historyOf(store: Store, id: string, state: SupervisionState): ReducedEvent[] {
  const refused = store
    .events(id)
    .filter((e) => e.status === 'rejected')
    .map((e): ReducedEvent => ({ event: e.event, applied: false, conflict: `服务器拒绝:${e.reason ?? '未说明原因'}`, rejectKind: null, note: null }));
  return [...state.history.filter((h) => h.event.type !== CREATE), ...refused];
}
