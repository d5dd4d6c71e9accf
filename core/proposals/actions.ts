import type { Actor } from '../kernel/actor';
import type { ProposalEventType } from './events';
import { proposalCan } from './permissions';
import type { ProposalState } from './state';

/**
 * The steps that fit a proposal's state now (whoever takes them), and of those the ones `actor`
 * may take: what the detail page offers. The rules (rules.ts) stay the judge; this only keeps
 * buttons away that would be refused.
 */
export function fittingActions(s: ProposalState, today: string, adjustUntil: string | null): ProposalEventType[] {
  const out: ProposalEventType[] = [];
  const handling = s.phase === 'handling' || s.phase === 'redo';
  if (s.phase === 'registered') out.push('assign');
  if (s.phase === 'handling' && s.replies.length === 0) {
    if (adjustUntil && today <= adjustUntil) out.push('adjust_request');
    if (s.adjustRequests.some((r) => !r.decision)) out.push('adjust_decide');
    if (!s.extension || s.extension.decision?.granted === false) out.push('extend_request');
    if (s.extension && !s.extension.decision) out.push('extend_decide');
  }
  if (handling) out.push('contact', 'opinion', 'link_reply');
  if (handling && s.draft) out.push('reply');
  if (s.phase === 'replied') out.push('satisfaction');
  if (s.phase === 'dissatisfied') out.push('redo');
  if (s.phase === 'rated') out.push('close');
  return out;
}

export function availableActions(actor: Actor, s: ProposalState, today: string, adjustUntil: string | null): ProposalEventType[] {
  return fittingActions(s, today, adjustUntil).filter((type) => proposalCan(actor, { type }, s) === null);
}
