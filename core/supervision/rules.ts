import { classifyUnit, sameUnit } from '../directory/units';
import { apply, reject, type Outcome } from '../kernel/area';
import { attachmentItem } from './attachments';
import type { EventType, PayloadOf } from './events';
import { findAssignment } from './permissions';
import type { AssignmentState, Phase, ReportState, Stamp, SupervisionWork } from './state';

export type { Outcome };

const PHASE_REASON: Record<Phase, string> = {
  draft: '事项尚未交办',
  in_progress: '事项正在办理中',
  review: '事项正在办结审核中',
  completed: '事项已办结',
  closed: '事项已销号',
};
function needPhase(state: SupervisionWork, allowed: readonly Phase[], action: string): Outcome | null {
  return allowed.includes(state.phase) ? null : reject(`${PHASE_REASON[state.phase]},不能${action}`);
}

/** The unit's latest report that was not returned, and its percent. */
function refreshLastReport(state: SupervisionWork, a: AssignmentState): void {
  const last = [...state.reports].reverse().find((r) => r.unit === a.unit && !r.returned) ?? null;
  a.lastReport = last;
  a.percent = last?.percent ?? 0;
}

type Rule<T extends EventType> = (state: SupervisionWork, p: PayloadOf<T>, stamp: Stamp) => Outcome;

/**
 * State preconditions and effects of each event type. Permissions are checked before
 * (permissions.ts), so a rule only asks whether the item's state allows the event.
 */
export const RULES: { [T in EventType]: Rule<T> } = {
  assign: (state, p, stamp) =>
    needPhase(state, ['draft', 'in_progress'], '交办') ??
    apply(() => {
      for (const spec of p.assignments) {
        const existing = findAssignment(state, spec.unit);
        if (existing) Object.assign(existing, { role: spec.role, contact: spec.contact, phone: spec.phone, part: spec.part });
        else {
          state.assignments.push({
            ...spec,
            group: classifyUnit(spec.unit) === 'group',
            assigned: stamp,
            acknowledged: null,
            lastReport: null,
            percent: 0,
            evaluation: null,
          });
        }
      }
      state.acknowledgeDays = p.acknowledgeDays;
      state.reportCycle = p.reportCycle;
      if (state.phase === 'draft') state.phase = 'in_progress';
    }),

  acknowledge: (state, p, stamp) => {
    const a = findAssignment(state, p.unit) as AssignmentState; // permission checked it exists
    const bad = needPhase(state, ['in_progress', 'review'], '签收');
    if (bad) return bad;
    if (a.acknowledged) return { kind: 'ignore', note: `${p.unit}已于此前签收,不重复计` };
    return apply(() => {
      a.acknowledged = stamp;
    });
  },

  report: (state, p, stamp) => {
    const a = findAssignment(state, p.unit) as AssignmentState;
    const bad = needPhase(state, ['in_progress', 'review'], '反馈进展');
    if (bad) return bad;
    const implied = a.acknowledged ? null : '尚未签收,进展反馈视同签收';
    return apply(() => {
      const report: ReportState = { ...stamp, ...p, attachments: p.attachments.map(attachmentItem), returned: null };
      state.reports.push(report);
      if (!a.acknowledged) a.acknowledged = stamp;
      refreshLastReport(state, a);
    }, implied);
  },

  report_return: (state, p, stamp) => {
    const bad = needPhase(state, ['in_progress', 'review'], '退回进展反馈');
    if (bad) return bad;
    const report = state.reports.find((r) => r.eventId === p.reportId);
    if (!report) return reject('要退回的进展反馈不存在或未生效', 'invalid');
    if (report.returned) return { kind: 'ignore', note: '该进展反馈已被退回' };
    return apply(() => {
      report.returned = { ...stamp, opinion: p.opinion };
      const a = findAssignment(state, report.unit);
      if (a) refreshLastReport(state, a);
    });
  },

  urge: (state, p, stamp) => {
    const bad = needPhase(state, ['in_progress', 'review'], '催办');
    if (bad) return bad;
    const unknown = p.units.filter((u) => !findAssignment(state, u));
    if (unknown.length) return reject(`${unknown.join('、')}不是本事项的承办单位`, 'invalid');
    return apply(() => {
      state.urges.push({ ...stamp, level: p.level, units: [...new Set(p.units)], text: p.text, reads: {}, replies: [] });
    });
  },

  urge_read: (state, p, stamp) => {
    const urge = state.urges.find((u) => u.eventId === p.urgeId);
    // Read receipts are keyed by the unit as the notice names it (another name of it may confirm).
    const unit = urge?.units.find((u) => sameUnit(u, p.unit));
    if (!urge || !unit) return reject('该催办通知不存在或未发给本单位', 'invalid');
    if (urge.reads[unit] && !p.reply) return { kind: 'ignore', note: '已阅' };
    return apply(() => {
      if (!urge.reads[unit]) urge.reads[unit] = stamp;
      if (p.reply) urge.replies.push({ ...stamp, unit, text: p.reply });
    });
  },

  set_deadline: (state, p, stamp) => {
    const bad = needPhase(state, ['in_progress', 'review'], '设定时限');
    if (bad) return bad;
    if (state.deadlineSet) return reject(`完成时限已于此前设定为 ${state.deadlineSet.deadline},调整须经延期审批`);
    return apply(() => {
      state.deadlineSet = { ...stamp, deadline: p.deadline, note: p.note };
    });
  },

  extension_request: (state, p, stamp) => {
    const bad = needPhase(state, ['in_progress'], '申请延期');
    if (bad) return bad;
    if (state.extendedDeadline && p.deadline <= state.extendedDeadline) {
      return reject(`申请的时限应晚于已批准的时限 ${state.extendedDeadline}`, 'invalid');
    }
    return apply(() => {
      state.extensions.push({ ...stamp, unit: p.unit, deadline: p.deadline, reason: p.reason, decision: null });
    });
  },

  extension_decision: (state, p, stamp) => {
    const bad = needPhase(state, ['in_progress', 'review'], '审批延期');
    if (bad) return bad;
    const request = state.extensions.find((e) => e.eventId === p.requestId);
    if (!request) return reject('该延期申请不存在或未生效', 'invalid');
    if (request.decision) return reject('该延期申请已审批');
    return apply(() => {
      request.decision = { ...stamp, approve: p.approve, deadline: p.approve ? (p.deadline ?? request.deadline) : null, opinion: p.opinion };
      if (p.approve) state.extendedDeadline = request.decision.deadline;
    });
  },

  completion_request: (state, p, stamp) =>
    needPhase(state, ['in_progress'], '申请办结') ??
    apply(() => {
      state.completions.push({ ...stamp, unit: p.unit, summary: p.summary, attachments: p.attachments.map(attachmentItem), review: null });
      state.phase = 'review';
    }),

  completion_review: (state, p, stamp) => {
    const bad = needPhase(state, ['review'], '审核办结');
    if (bad) return bad;
    const request = state.completions.find((c) => c.eventId === p.requestId);
    if (!request || request.review) return reject('该办结申请不存在或已审核', 'invalid');
    if (!p.accept && !p.opinion) return reject('退回办结申请须填写意见', 'invalid');
    return apply(() => {
      request.review = { ...stamp, accept: p.accept, opinion: p.opinion, confirmed: p.confirmed };
      state.phase = p.accept ? 'completed' : 'in_progress';
      if (p.accept) state.completed = request;
    });
  },

  close: (state, p, stamp) =>
    needPhase(state, ['completed'], '销号') ??
    apply(() => {
      state.closed = { ...stamp, note: p.note };
      state.phase = 'closed';
    }),

  evaluate: (state, p, stamp) => {
    const bad = needPhase(state, ['completed', 'closed'], '评价');
    if (bad) return bad;
    const a = findAssignment(state, p.unit);
    if (!a) return reject(`${p.unit}不是本事项的承办单位`, 'invalid');
    const replaced = a.evaluation ? '更正此前的评价' : null;
    return apply(() => {
      a.evaluation = { ...stamp, score: p.score, comment: p.comment };
    }, replaced);
  },
};
