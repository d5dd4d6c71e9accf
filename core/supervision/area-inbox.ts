import type { DeadlineItem, NoticeItem, TodoItem } from '../kernel/area';
import type { SupervisionAnalysis } from './projection';
import { dateOf } from './schedule';
import { roleAudience, TODO_LABEL, todosOf, unitAudience, type TodoEntry, type TodoKind } from './todo';

/**
 * What a 督办 item contributes to the kernel's shared tables (written with the projection, in the
 * same transaction): 待办 (todo.ts's entries), the notifications derived from them, and its
 * deadlines. Nothing here depends on today: the light and the 临近时限 notice are read-time.
 */

/** Higher first in the shared 待办: overdue and red 督查单 on top, then returns, then routine work. */
const URGENCY: Record<TodoKind, number> = {
  overdue: 3,
  urge: 2,
  report_returned: 2,
  completion_returned: 2,
  acknowledge: 1,
  report: 1,
  assign: 1,
  extension: 1,
  review: 1,
  close: 0,
  evaluate: 0,
};

/** A red 督查单 is as pressing as an overdue item; a blue 提示单 like routine work. */
const URGE_URGENCY = { red: 3, yellow: 2, blue: 1 } as const;

function entriesOf(a: SupervisionAnalysis): TodoEntry[] {
  if (a.fields.level !== 'task') return [];
  const createdDate = /^\d{4}-\d{2}-\d{2}T/.test(a.fields.createdAt) ? dateOf(a.fields.createdAt) : '1970-01-01';
  return todosOf(a.state, a.schedule, createdDate);
}

export function supervisionTodos(a: SupervisionAnalysis): TodoItem[] {
  const urges = new Map(a.state.urges.map((u) => [u.eventId, u.level]));
  return entriesOf(a).map((t) => {
    const level = t.kind === 'urge' ? urges.get(t.ref) : undefined;
    // A red 督查单 says so: it asks for a written 情况说明, not only 已阅.
    const label = level === 'red' ? '红色督查单待回复' : TODO_LABEL[t.kind];
    return { audience: t.audience, kind: t.kind, label, since: t.since, due: t.due, urgency: level ? URGE_URGENCY[level] : URGENCY[t.kind], ref: t.ref };
  });
}

/** Which 待办 are also notified, and as what (core/ipc/notifications.ts kinds). */
const NOTIFIED: Partial<Record<TodoKind, { kind: string; title: string }>> = {
  acknowledge: { kind: 'assignment', title: '新交办事项' },
  urge: { kind: 'urge', title: '催办通知' },
  report_returned: { kind: 'report_returned', title: '进展反馈被退回' },
  review: { kind: 'review', title: '办结申请待审核' },
  extension: { kind: 'extension', title: '延期申请待审批' },
};

/**
 * 新交办 (待签收), 催办, 退回 for the unit; 办结/延期 requests for the 督查室. Keys are built from
 * the record id, event ids and dates, identical on every replica (and as before the kernel, so a
 * notice already shown is not shown again after the upgrade).
 */
export function supervisionNotices(id: string, a: SupervisionAnalysis): NoticeItem[] {
  const out: NoticeItem[] = [];
  for (const t of entriesOf(a)) {
    const n = NOTIFIED[t.kind];
    if (!n) continue;
    const unit = t.audience.startsWith('unit:') ? t.audience.slice(5) : '';
    const key =
      t.kind === 'acknowledge'
        ? `assign:${id}:${unit}:${t.since}`
        : t.kind === 'urge'
          ? `urge:${t.ref}:${unit}`
          : t.kind === 'report_returned'
            ? `report-returned:${t.ref}:${unit}`
            : `${n.kind}:${t.ref}`;
    const detail = t.kind === 'acknowledge' && t.due ? `请于 ${t.due} 前签收` : t.kind === 'urge' ? '请及时阅知并办理' : t.kind === 'report_returned' ? '请修改后重新报送' : '';
    out.push({ key, kind: n.kind, audience: t.audience, title: `${n.title}:${a.fields.title}`, body: [a.fields.code, detail].filter(Boolean).join(' '), at: t.since });
  }
  // A unit's written 情况说明 on a 督查单 reaches the 督查室.
  for (const urge of a.state.urges) {
    for (const reply of urge.replies) {
      out.push({
        key: `urge-reply:${reply.eventId}`,
        kind: 'urge_reply',
        audience: roleAudience('supervisor'),
        title: `督查单回复:${a.fields.title}`,
        body: `${reply.unit}:${reply.text.length > 80 ? `${reply.text.slice(0, 80)}…` : reply.text}`,
        at: dateOf(reply.at),
      });
    }
  }
  // 设定时限 tells every unit doing the work (not a 待办: there is nothing to do but note it).
  const set = a.state.deadlineSet;
  if (set && a.fields.level === 'task' && !a.fields.deadline) {
    for (const unit of a.state.assignments.filter((x) => !x.group)) {
      out.push({
        key: `deadline-set:${set.eventId}:${unit.unit}`,
        kind: 'deadline_set',
        audience: unitAudience(unit.unit),
        title: `完成时限已设定:${a.fields.title}`,
        body: [a.fields.code, `完成时限 ${set.deadline}`, set.note].filter(Boolean).join(' '),
        at: dateOf(set.at),
      });
    }
  }
  return out;
}

/** The deadline assessed and the 节点目标, with the rule that produced each date. */
export function supervisionDeadlines(a: SupervisionAnalysis): DeadlineItem[] {
  if (a.fields.level !== 'task') return [];
  const s = a.schedule;
  const out: DeadlineItem[] = [];
  if (s.assessedDeadline) {
    const rule = s.extendedDeadline
      ? '延期批准后的完成时限'
      : !a.fields.deadline && a.state.deadlineSet
        ? '督查室交办后设定的完成时限'
        : a.fields.deadlinePhrase ? `文件要求“${a.fields.deadlinePhrase}”` : '交办时确定的完成时限';
    out.push({ name: '完成时限', due: s.assessedDeadline, rule, done: s.completedAt !== null, estimated: false });
  }
  const reached = new Set(a.state.reports.filter((r) => !r.returned).flatMap((r) => r.milestones));
  for (const m of a.fields.milestones) {
    out.push({ name: `节点目标:${m.title}`, due: m.date, rule: m.phrase ? `文件要求“${m.phrase}”` : '节点目标', done: reached.has(m.id) || s.completedAt !== null, estimated: false });
  }
  return out;
}
