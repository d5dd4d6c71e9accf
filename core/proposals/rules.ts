import { beijingDate, chineseDate } from '../calendar/iso-date';
import { apply, reject, type Outcome, type Stamp } from '../kernel/area';
import { computeDeadline } from '../kernel/deadline';
import type { PayloadOf, ProposalEventType } from './events';
import { lastOf, type Act, type ProposalState } from './state';
import { proposalRules } from './terms';

/**
 * The state rule of each event (after the kernel checked identity, payload and `can`): whether
 * the event fits the proposal's state, and what it changes. Pure and deterministic; dates come
 * from the events (`at` in Beijing time), never from today.
 */
const actOf = (stamp: Stamp): Act => ({ eventId: stamp.eventId, at: stamp.at, on: beijingDate(new Date(stamp.at)), by: stamp.by });

const HANDLING = new Set(['handling', 'redo']);

type Rule<T extends ProposalEventType> = (s: ProposalState, p: PayloadOf<T>, stamp: Stamp) => Outcome;

function uniqueUnits(lead: string, helpers: readonly string[]): string | null {
  if (!lead) return '请选择主办单位';
  if (helpers.includes(lead)) return `${lead}不能既是主办单位又是协办单位`;
  if (new Set(helpers).size !== helpers.length) return '协办单位有重复';
  return null;
}

/** The last day a unit may ask for 调整 on this proposal (from the 交办 in force). */
export function adjustWindowEnd(s: ProposalState): string | null {
  if (!s.assignment || !s.terms) return null;
  return computeDeadline({ start: s.assignment.on, rule: proposalRules(s.terms).adjust }).due;
}

const assign: Rule<'assign'> = (s, p, stamp) => {
  if (s.phase !== 'registered') return reject('此件已交办');
  const bad = uniqueUnits(p.lead, p.helpers);
  if (bad) return reject(bad, 'invalid');
  return apply(() => {
    const a = { ...actOf(stamp), lead: p.lead, helpers: [...p.helpers], adjusted: false };
    Object.assign(s, { phase: 'handling', terms: p.terms, assignment: a, firstAssignment: a });
  });
};

const adjustRequest: Rule<'adjust_request'> = (s, p, stamp) => {
  if (s.phase !== 'handling' || s.replies.length > 0) return reject('此件已答复,不能再申请调整');
  const unit = stamp.by.unit;
  if (s.adjustRequests.some((r) => r.unit === unit && !r.decision)) return reject(`${unit}已有待审定的调整申请`);
  const end = adjustWindowEnd(s);
  const on = beijingDate(new Date(stamp.at));
  if (end && on > end) return reject(`已超过调整申请期限(交办后${s.terms!.adjustDays}日内,至${chineseDate(end)})`);
  return apply(() => s.adjustRequests.push({ ...actOf(stamp), unit, reason: p.reason, suggestion: p.suggestion, decision: null }));
};

const adjustDecide: Rule<'adjust_decide'> = (s, p, stamp) => {
  const request = s.adjustRequests.find((r) => r.eventId === p.request);
  if (!request) return reject('没有这项调整申请', 'invalid');
  if (request.decision) return reject('这项调整申请已审定');
  if (s.phase !== 'handling' || s.replies.length > 0) return reject('此件已答复,不能再调整');
  if (p.granted) {
    const bad = uniqueUnits(p.lead, p.helpers);
    if (bad) return reject(bad, 'invalid');
  }
  return apply(() => {
    const act = actOf(stamp);
    request.decision = { ...act, granted: p.granted, note: p.note };
    if (p.granted) s.assignment = { ...act, lead: p.lead, helpers: [...p.helpers], adjusted: true };
  }, p.granted ? `调整为主办:${p.lead}` : '不予调整');
};

const contact: Rule<'contact'> = (s, p, stamp) => {
  if (!HANDLING.has(s.phase)) return reject('此件不在办理中');
  return apply(() => s.contacts.push({ ...actOf(stamp), date: p.date, form: p.form, people: p.people, summary: p.summary }));
};

const opinion: Rule<'opinion'> = (s, p, stamp) => {
  if (!HANDLING.has(s.phase)) return reject('此件不在办理中');
  return apply(() => s.opinions.push({ ...actOf(stamp), unit: stamp.by.unit, text: p.text }));
};

const extendRequest: Rule<'extend_request'> = (s, p, stamp) => {
  if (s.phase !== 'handling') return reject('此件不在办理中');
  if (s.extension && !s.extension.decision) return reject('已有待审批的延期申请');
  if (s.extension?.decision?.granted) return reject('此件已延期,不能再次延期');
  return apply(() => (s.extension = { ...actOf(stamp), reason: p.reason, until: p.until, decision: null }));
};

const extendDecide: Rule<'extend_decide'> = (s, p, stamp) => {
  const ext = s.extension;
  if (!ext || ext.decision) return reject('没有待审批的延期申请');
  if (s.phase !== 'handling') return reject('此件不在办理中');
  if (p.granted && !p.notified) return reject('批准延期应写明告知领衔人的情况', 'invalid');
  return apply(() => (ext.decision = { ...actOf(stamp), granted: p.granted, until: p.until, note: p.note, notified: p.notified }));
};

const linkReply: Rule<'link_reply'> = (s, p, stamp) => {
  if (!HANDLING.has(s.phase)) return reject('此件不在办理中,不能起草答复函');
  return apply(() => (s.draft = { ...actOf(stamp), documentId: p.documentId, title: p.title }));
};

const reply: Rule<'reply'> = (s, p, stamp) => {
  if (!HANDLING.has(s.phase)) return reject('此件不在办理中');
  if (s.draft?.documentId !== p.documentId) return reject('答复函不是本件关联的公文', 'invalid');
  const cls = s.terms?.resultClasses.find((c) => c.code === p.resultClass);
  if (!cls) return reject(`未知的办理结果分类:${p.resultClass}`, 'invalid');
  return apply(() => {
    s.replies.push({ ...actOf(stamp), round: s.round, documentId: p.documentId, resultClass: cls.code, classLabel: cls.label, publish: p.publish, signatures: [...p.signatures] });
    s.draft = null;
    s.phase = 'replied';
  });
};

const satisfaction: Rule<'satisfaction'> = (s, p, stamp) => {
  const last = lastOf(s.replies);
  if (s.phase !== 'replied' || !last) return reject('此件尚未答复');
  if (p.date < last.on) return reject('代表委员反馈的日期不能早于答复日期', 'invalid');
  return apply(() => {
    s.satisfactions.push({ ...actOf(stamp), round: s.round, level: p.level, date: p.date, note: p.note });
    s.phase = p.level === '不满意' && s.round === 1 ? 'dissatisfied' : 'rated';
  });
};

const redo: Rule<'redo'> = (s, p, stamp) => {
  if (s.phase !== 'dissatisfied') return reject('只有反馈不满意的件可以重新办理');
  return apply(() => Object.assign(s, { phase: 'redo', round: s.round + 1, redo: { ...actOf(stamp), note: p.note } }));
};

const close: Rule<'close'> = (s, p, stamp) => {
  if (s.phase === 'closed') return reject('此件已办结');
  if (s.phase !== 'rated') return reject('登记代表委员满意度后才能办结');
  return apply(() => Object.assign(s, { phase: 'closed', closed: { ...actOf(stamp), note: p.note } }));
};

export const PROPOSAL_RULES: { [T in ProposalEventType]: Rule<T> } = {
  assign,
  adjust_request: adjustRequest,
  adjust_decide: adjustDecide,
  contact,
  opinion,
  extend_request: extendRequest,
  extend_decide: extendDecide,
  link_reply: linkReply,
  reply,
  satisfaction,
  redo,
  close,
};
