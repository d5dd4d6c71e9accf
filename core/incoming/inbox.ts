import type { DeadlineItem, NoticeItem, RecordView, TodoItem } from '../kernel/area';
import { roleAudience, unitAudience, userAudience } from '../kernel/audience';
import { conflictNotices } from '../records/conflict-notices';
import { INCOMING_EVENTS, isIncomingEventType } from './events';
import type { IncomingFields } from './model';
import type { IncomingState } from './state';

type View = RecordView<IncomingState, IncomingFields>;

/** What a 收文 waits for (待办): the receiving unit's office for its steps, the leader for 批办, 主办 and each reader. */
export function incomingTodos(view: View): TodoItem[] {
  const s = view.reduced.state;
  const last = view.reduced.history.at(-1)?.event;
  const since = last?.at ?? view.createdAt;
  const ref = last?.id ?? view.id;
  const due = s.registration?.dueDate ?? null;
  const urgency = s.registration?.urgency === '特急' ? 3 : s.registration?.urgency === '加急' ? 2 : 1;
  const unit = s.unit ?? view.reduced.created?.by.unit ?? '';
  const at = (audience: string, kind: string, label: string): TodoItem => ({ audience, kind, label, since, due, urgency, ref });
  const office = (kind: string, label: string) => (unit ? [at(unitAudience(unit), kind, label)] : []);
  switch (s.phase) {
    case 'delivered':
      return office('receive', '签收');
    case 'received':
      return office('register', '登记');
    case 'registered':
      return office('review', '初审');
    case 'reviewed':
      return office('propose', '拟办');
    case 'proposed':
      return [at(roleAudience('leader'), 'instruct', '批办')];
    case 'handling': {
      const out = s.lead ? [at(unitAudience(s.lead), 'handle', '承办')] : office('handle', '承办');
      for (const c of s.copies) if (c.readAt === null) out.push({ ...at(userAudience(c.reader.login), 'read', '传阅'), since: c.sentAt });
      if (s.instruction?.supervise && s.supervisionItems.length === 0) out.push(at(roleAudience('supervisor'), 'supervise', '批办转督办'));
      return out;
    }
    default:
      return s.copies.filter((c) => c.readAt === null).map((c) => ({ ...at(userAudience(c.reader.login), 'read', '传阅'), since: c.sentAt }));
  }
}

/** 办理时限 from 登记, through the kernel's deadlines (its light and 催办). */
export function incomingDeadlines(view: View): DeadlineItem[] {
  const r = view.reduced.state.registration;
  if (!r?.dueDate) return [];
  const done = ['done', 'archived', 'returned'].includes(view.reduced.state.phase);
  return [{ name: '办理时限', due: r.dueDate, rule: '登记时确定的办理时限', done, estimated: false }];
}

const labelOf = (type: string): string => (isIncomingEventType(type) ? INCOMING_EVENTS[type].label : type);

/** 催办 to the 主办 unit, 退回 to the sender, and every action that lost a conflict, to its author. */
export function incomingNotices(view: View): NoticeItem[] {
  const s = view.reduced.state;
  const title = view.fields.title;
  const target = s.lead ?? s.unit;
  const urges = target
    ? s.urges.map((u) => ({ key: `urge:${u.eventId}`, kind: 'urge', audience: unitAudience(target), title: '收文催办', body: `《${title}》${u.by.name}催办:${u.text || '请抓紧办理'}`, at: u.at }))
    : [];
  const back = s.returned && s.source
    ? [{ key: `sent-back:${s.returned.eventId}`, kind: 'returned', audience: unitAudience(s.source.unit), title: '来文被退回', body: `${s.unit ?? ''}退回《${title}》:${s.returned.text}`, at: s.returned.at }]
    : [];
  return [...urges, ...back, ...conflictNotices(view.reduced, title, labelOf)];
}
