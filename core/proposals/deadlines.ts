import type { DeadlineItem } from '../kernel/area';
import { computeDeadline, deadlineItem, type Deadline } from '../kernel/deadline';
import type { ProposalState } from './state';
import { proposalRules } from './terms';

/**
 * Every limit of a proposal, from the kernel's one deadline engine with the terms its 交办 carried,
 * each with the rule that produced it (交办后3个月, 延期批准后延至…, 答复后15个工作日内). Pure: the
 * calendar is the engine's default (the official holiday data).
 */

export const REPLY = '答复期限';
export const SATISFACTION = '满意度登记期限';
export const REDO_PUSH = '重新办理交办期限';
export const REDO_REPLY = '重新答复期限';
export const opinionName = (unit: string): string => `${unit}协办意见期限`;

/** The first round's 答复 deadline (after an approved extension), or null before 交办. */
export function replyDeadline(s: ProposalState): Deadline | null {
  const a = s.assignment;
  if (!a || !s.terms) return null;
  const rules = proposalRules(s.terms);
  const granted = s.extension?.decision?.granted ? s.extension.decision : null;
  return computeDeadline({
    start: a.on,
    rule: a.adjusted ? rules.replyAfterAdjust : rules.reply,
    extensions: granted ? [{ ...rules.extension, until: granted.until }] : [],
  });
}

export function proposalDeadlines(s: ProposalState): DeadlineItem[] {
  const a = s.assignment;
  if (!a || !s.terms) return [];
  const rules = proposalRules(s.terms);
  const items: DeadlineItem[] = [];
  const firstReply = s.replies.find((r) => r.round === 1);
  items.push(deadlineItem(REPLY, replyDeadline(s)!, !!firstReply));
  for (const unit of a.helpers) {
    const sent = s.opinions.some((o) => o.unit === unit) || !!firstReply;
    items.push(deadlineItem(opinionName(unit), computeDeadline({ start: a.on, rule: rules.opinion }), sent, true));
  }
  for (const r of s.replies) {
    const rated = s.satisfactions.some((x) => x.round === r.round);
    items.push(deadlineItem(r.round === 1 ? SATISFACTION : `第${r.round}次答复${SATISFACTION}`, computeDeadline({ start: r.on, rule: rules.satisfaction }), rated));
  }
  const unhappy = s.satisfactions.find((x) => x.round === 1 && x.level === '不满意');
  if (unhappy) items.push(deadlineItem(REDO_PUSH, computeDeadline({ start: unhappy.date, rule: rules.redoPush }), !!s.redo));
  if (s.redo) {
    const again = s.replies.some((r) => r.round === 2);
    items.push(deadlineItem(REDO_REPLY, computeDeadline({ start: s.redo.on, rule: rules.redoReply }), again));
  }
  return items;
}
