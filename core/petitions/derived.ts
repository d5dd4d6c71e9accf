import { beijingDate, type IsoDate } from '../calendar/iso-date';
import type { DeadlineItem, NoticeItem, RecordView, TodoItem } from '../kernel/area';
import { deadlineItem, type Deadline } from '../kernel/deadline';
import { computeDeadline } from '../kernel/deadline';
import { DEFAULT_HOTLINE_LIMITS, PETITION_RULES, handleDue, hotlineDue, limitDue, type HotlineLimits } from './limits';
import { petitionerLabel } from './mask';
import type { PetitionFields } from './model';
import type { PetitionState } from './state';

export type PetitionView = RecordView<PetitionState, PetitionFields>;

/** The day of 登记: the `create` event's date (signed), never a field. */
export const registeredOn = (view: PetitionView): IsoDate => beijingDate(new Date(view.reduced.created?.at ?? view.createdAt));

interface Limit {
  name: string;
  deadline: Deadline;
  done: boolean;
  /** Who owes it: the audience of its 待办 and 催办. */
  owner: string;
}

/** Every statutory limit of the case now (the 12345 limits replace 受理/办理 for hotline cases). */
export function limitsOf(view: PetitionView, hotline: HotlineLimits = DEFAULT_HOTLINE_LIMITS): Limit[] {
  const s = view.reduced.state;
  const reg = registeredOn(view);
  const office = 'role:petition_office';
  const handler = s.unit ? `unit:${s.unit}` : office;
  const out: Limit[] = [];
  const ended = s.refused !== null;
  if (view.fields.channel === '12345') {
    const type = view.fields.hotlineType ?? '咨询';
    out.push({ name: `12345${type}办理`, deadline: hotlineDue(reg, type, hotline, {}, s.hotlineLimit), done: s.replied !== null || ended, owner: handler });
  } else {
    out.push({ name: '受理', deadline: limitDue(reg, PETITION_RULES.accept), done: s.accepted !== null || ended, owner: office });
    out.push({ name: '转送交办', deadline: limitDue(reg, PETITION_RULES.assign), done: s.assigned !== null || ended, owner: office });
    if (s.accepted) {
      const ext = s.extendedUntil ? { until: s.extendedUntil } : null;
      out.push({ name: '办理答复', deadline: handleDue(s.accepted.on, ext), done: s.replied !== null, owner: handler });
    }
  }
  if (s.reviewRequested) out.push({ name: '复查决定', deadline: limitDue(s.reviewRequested.on, PETITION_RULES.reviewDecide), done: s.reviewDecided !== null, owner: office });
  if (s.recheckRequested) {
    const d = computeDeadline({ start: s.recheckRequested.on, rule: PETITION_RULES.recheckDecide, stops: s.hearings });
    out.push({ name: '复核决定', deadline: d, done: s.recheckDecided !== null, owner: office });
  }
  return out;
}

export const petitionDeadlines = (view: PetitionView): DeadlineItem[] =>
  limitsOf(view).map((l) => deadlineItem(l.name, l.deadline, l.done));

const todo = (audience: string, kind: string, label: string, since: string, due: string | null, ref: string): TodoItem => ({ audience, kind, label, since, due, urgency: 1, ref });

/** What the case waits for, from whom (masked petitioner only: 待办 are shown to whole units). */
export function petitionTodos(view: PetitionView): TodoItem[] {
  const s = view.reduced.state;
  const who = petitionerLabel(view.fields);
  const since = view.reduced.created?.at ?? view.createdAt;
  const due = (name: string) => limitsOf(view).find((l) => l.name === name)?.deadline.due ?? null;
  const office = 'role:petition_office';
  if (s.status === '待受理') return [todo(office, 'accept', `待受理:${who}`, since, due('受理') ?? due(`12345${view.fields.hotlineType ?? '咨询'}办理`), 'accept')];
  if (s.status === '办理中') {
    const items: TodoItem[] = [];
    if (!s.assigned) items.push(todo(office, 'assign', `待转送交办:${who}`, since, due('转送交办'), 'assign'));
    else items.push(todo(`unit:${s.unit}`, 'handle', `待办理:${who}`, s.assigned.on, due('办理答复'), s.assigned.eventId));
    if (s.extensionAsked) items.push(todo(office, 'extend', `待审批延期:${who}`, since, null, 'extend'));
    return items;
  }
  if (s.status === '复查中') return [todo(office, 'review', `待复查决定:${who}`, s.reviewRequested!.on, due('复查决定'), 'review')];
  if (s.status === '复核中') return [todo(office, 'recheck', `待复核决定:${who}`, s.recheckRequested!.on, due('复核决定'), 'recheck')];
  if (s.status === '已答复' || s.status === '复查已决定') return [todo(s.unit ? `unit:${s.unit}` : office, 'visit', `待回访:${who}`, s.replied!.on, null, 'visit')];
  if (s.status === '已回访' || s.status === '复核已决定') return [todo(office, 'close', `待办结:${who}`, since, null, 'close')];
  return [];
}

/** Automatic 催办: on each open limit's due date, and the day after when it is overdue. */
export function petitionNotices(view: PetitionView): NoticeItem[] {
  const who = petitionerLabel(view.fields);
  return limitsOf(view).filter((l) => !l.done).flatMap((l) => {
    const base = { audience: l.owner, kind: 'urge' };
    const next = beijingDate(new Date(Date.parse(`${l.deadline.due}T12:00:00+08:00`) + 86_400_000));
    return [
      { ...base, key: `urge:${view.id}:${l.name}:${l.deadline.due}`, title: `催办:${l.name}今日到期`, body: `信访人${who}的事项,${l.deadline.rule},${l.deadline.due}到期。`, at: l.deadline.due },
      { ...base, key: `overdue:${view.id}:${l.name}:${l.deadline.due}`, title: `催办:${l.name}已超期`, body: `信访人${who}的事项已超过期限(${l.deadline.due})。`, at: next },
    ];
  });
}
