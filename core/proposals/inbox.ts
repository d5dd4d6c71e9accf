import type { DeadlineItem, NoticeItem, RecordView, TodoItem } from '../kernel/area';
import { unitAudience } from '../kernel/audience';
import { opinionName, proposalDeadlines, REDO_PUSH, REDO_REPLY, REPLY, SATISFACTION } from './deadlines';
import type { ProposalFields } from './model';
import { lastOf, type ProposalState } from './state';

/**
 * What a proposal waits for, from whom (the shared 待办), and the notices it sends. The office's
 * entries go to the liaison unit, a unit's to that unit. Urgency: 2 for a 重点 件, else 1.
 */
type View = RecordView<ProposalState, ProposalFields>;

const dueOf = (items: readonly DeadlineItem[], name: string): string | null => items.find((i) => i.name === name)?.due ?? null;

export function proposalTodos(view: View): TodoItem[] {
  const s = view.reduced.state;
  const f = view.fields;
  const urgency = f.key ? 2 : 1;
  const office = s.office ?? '';
  const items = proposalDeadlines(s);
  const name = `${f.category}${f.number}`;
  const out: TodoItem[] = [];
  const todo = (audience: string, kind: string, label: string, since: string, due: string | null, ref: string) =>
    out.push({ audience, kind, label: `${label}:${name}`, since, due, urgency, ref });
  if (s.phase === 'registered' && view.reduced.created && office) {
    todo(unitAudience(office), 'assign', '待交办', view.reduced.created.at, null, view.reduced.created.eventId);
  }
  for (const r of s.adjustRequests) if (!r.decision) todo(unitAudience(office), 'adjust', `${r.unit}申请调整,待审定`, r.at, null, r.eventId);
  if (s.extension && !s.extension.decision) todo(unitAudience(office), 'extend', '延期申请待审批', s.extension.at, null, s.extension.eventId);
  const a = s.assignment;
  if (a && s.phase === 'handling') {
    todo(unitAudience(a.lead), 'reply', '主办,待答复', a.at, dueOf(items, REPLY), a.eventId);
    for (const h of a.helpers) {
      if (!s.opinions.some((o) => o.unit === h)) todo(unitAudience(h), 'opinion', '协办,待提出协办意见', a.at, dueOf(items, opinionName(h)), `${a.eventId}:${h}`);
    }
  }
  const reply = lastOf(s.replies);
  if (s.phase === 'replied' && reply) {
    const name = reply.round === 1 ? SATISFACTION : `第${reply.round}次答复${SATISFACTION}`;
    todo(unitAudience(office), 'satisfaction', '已答复,待登记满意度', reply.at, dueOf(items, name), reply.eventId);
  }
  const unhappy = lastOf(s.satisfactions);
  if (s.phase === 'dissatisfied' && unhappy) todo(unitAudience(office), 'redo', '不满意,待交办重新办理', unhappy.at, dueOf(items, REDO_PUSH), unhappy.eventId);
  if (s.phase === 'redo' && a && s.redo) todo(unitAudience(a.lead), 'reply', '重新办理,待再次答复', s.redo.at, dueOf(items, REDO_REPLY), s.redo.eventId);
  if (s.phase === 'rated' && unhappy) todo(unitAudience(office), 'close', '待办结', unhappy.at, null, unhappy.eventId);
  return out;
}

export function proposalNotices(view: View): NoticeItem[] {
  const s = view.reduced.state;
  const f = view.fields;
  const title = `${f.category}${f.number}《${f.title}》`;
  const out: NoticeItem[] = [];
  const a = s.assignment;
  if (s.firstAssignment) {
    const first = s.firstAssignment;
    out.push({ key: `proposal:${first.eventId}:${first.lead}`, kind: 'assignment', audience: unitAudience(first.lead), title: `新交办(主办):${title}`, body: '请在期限内办理答复。', at: first.at });
    for (const h of first.helpers) out.push({ key: `proposal:${first.eventId}:${h}`, kind: 'assignment', audience: unitAudience(h), title: `新交办(协办):${title}`, body: `请向主办单位${first.lead}提出协办意见。`, at: first.at });
  }
  for (const r of s.adjustRequests) {
    const d = r.decision;
    if (!d) continue;
    out.push({ key: `proposal:${d.eventId}`, kind: 'decision', audience: unitAudience(r.unit), title: `调整申请${d.granted ? '已同意' : '未同意'}:${title}`, body: d.note, at: d.at });
    if (d.granted && a && a.eventId === d.eventId && a.lead !== r.unit) {
      out.push({ key: `proposal:${d.eventId}:${a.lead}`, kind: 'assignment', audience: unitAudience(a.lead), title: `调整交办(主办):${title}`, body: d.note, at: d.at });
    }
  }
  const ext = s.extension?.decision;
  if (ext && a) out.push({ key: `proposal:${ext.eventId}`, kind: 'decision', audience: unitAudience(a.lead), title: `延期申请${ext.granted ? '已批准' : '未批准'}:${title}`, body: ext.note, at: ext.at });
  if (s.redo && a) out.push({ key: `proposal:${s.redo.eventId}`, kind: 'urge', audience: unitAudience(a.lead), title: `代表委员不满意,请重新办理:${title}`, body: s.redo.note, at: s.redo.at });
  return out;
}
