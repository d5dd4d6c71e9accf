import type { NoticeItem, RecordView, TodoItem } from '../kernel/area';
import { roleAudience, unitAudience, userAudience } from '../kernel/audience';
import { conflictNotices } from '../records/conflict-notices';
import { DOC_EVENTS, isDocEventType } from './events';
import type { DocumentFields } from './model';
import { issuerUnits, reviewersDue, type DocumentState } from './state';

type View = RecordView<DocumentState, DocumentFields>;

const todo = (audience: string, kind: string, label: string, since: string, ref: string, urgency = 1): TodoItem => ({ audience, kind, label, since, due: null, urgency, ref });

/** What a 发文 waits for, and from whom (待办). */
export function documentTodos(view: View): TodoItem[] {
  const s = view.reduced.state;
  const last = view.reduced.history.at(-1)?.event;
  const since = last?.at ?? view.createdAt;
  const ref = last?.id ?? view.id;
  const urgent = view.fields.urgency === '特急' ? 3 : view.fields.urgency === '加急' ? 2 : 1;
  const drafter = s.drafter ?? view.reduced.created?.by.login ?? null;
  switch (s.phase) {
    case 'draft':
      // A fresh draft, or one returned with an opinion: its drafter sends it (again).
      return drafter ? [todo(userAudience(drafter), 'draft', s.opinions.length > 0 ? '退回修改' : '拟稿', since, ref, urgent)] : [];
    case 'review':
      return reviewersDue(s).map((r) => todo(userAudience(r.login), 'review', '核稿', since, ref, urgent));
    case 'countersign':
      return s.countersignUnits.filter((u) => !s.countersigned.includes(u)).map((u) => todo(unitAudience(u), 'countersign', '会签', since, ref, urgent));
    case 'issue':
      return [todo(roleAudience('leader'), 'issue', '签发', since, ref, urgent)];
    case 'recheck':
      return s.issue ? [todo(userAudience(s.issue.by.login), 'recheck', '复核', since, ref, urgent)] : [];
    case 'issued':
    case 'numbering':
      return [todo(roleAudience('office'), 'number', s.phase === 'numbering' ? '待编号' : '编号', since, ref, urgent)];
    case 'numbered':
      return issuerUnits(s)
        .filter((u) => !s.sealedUnits.includes(u))
        .map((u) => todo(unitAudience(u), 'seal', '用印', since, ref, urgent));
    case 'sealed':
      return [todo(roleAudience('office'), 'distribute', '分发', since, ref, urgent)];
    default:
      return [];
  }
}

const labelOf = (type: string): string => (isDocEventType(type) ? DOC_EVENTS[type].label : type);

/** Returns to the drafter, and every action that lost a conflict, to its author. */
export function documentNotices(view: View): NoticeItem[] {
  const s = view.reduced.state;
  const drafter = s.drafter ?? view.reduced.created?.by.login;
  const returned = s.opinions
    .filter((o) => o.decision === 'return' && drafter)
    .map((o) => ({
      key: `returned:${o.eventId}`,
      kind: 'returned',
      audience: userAudience(drafter!),
      title: `公文被${o.step}退回`,
      body: `《${view.fields.title}》${o.by.name}:${o.opinion || '退回修改'}`,
      at: o.at,
    }));
  return [...returned, ...conflictNotices(view.reduced, view.fields.title, labelOf)];
}
