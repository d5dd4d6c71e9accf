import { z } from 'zod';
import type { DeadlineRule, Period } from '../kernel/deadline';

/**
 * The limits and result classes of 提案建议 handling. They differ between places (各地办理办法), so
 * the office sets them (设置 → 提案建议设置); the 交办 event carries the values in force, and every
 * replica computes the record's deadlines from the event, not from its own settings: a later
 * change of the settings never moves a deadline already running.
 */
export const ResultClass = z.object({
  code: z.string().trim().min(1).max(4),
  label: z.string().trim().min(1).max(40),
});
export type ResultClass = z.infer<typeof ResultClass>;

export const ProposalTerms = z.object({
  /** 退回/调整 may be asked within this many days of 交办. */
  adjustDays: z.number().int().min(1).max(60).default(10),
  /** 协办 units send their opinion to the 主办 unit within this many months of 交办. */
  opinionMonths: z.number().int().min(1).max(12).default(2),
  /** 答复 within this many months of 交办. */
  replyMonths: z.number().int().min(1).max(12).default(3),
  /** An approved extension adds at most this many months. */
  extensionMonths: z.number().int().min(1).max(12).default(3),
  /** The office records the proposer's 满意度 within this many working days of the 答复. */
  satisfactionWorkingDays: z.number().int().min(1).max(60).default(15),
  /** After 不满意 the office pushes 重新办理 within this many working days. */
  redoPushWorkingDays: z.number().int().min(1).max(30).default(5),
  /** The unit answers again within this many months of the push. */
  redoMonths: z.number().int().min(1).max(6).default(1),
  resultClasses: z
    .array(ResultClass)
    .min(1)
    .max(10)
    .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, '办理结果分类的代码不能重复')
    .default([
      { code: 'A', label: '已解决或基本解决' },
      { code: 'B', label: '正在解决或列入计划' },
      { code: 'C', label: '因条件限制留作参考' },
    ]),
});
export type ProposalTerms = z.infer<typeof ProposalTerms>;

export const DEFAULT_TERMS: ProposalTerms = ProposalTerms.parse({});

const months = (n: number): Period => ({ unit: 'months', n });
const workingDays = (n: number): Period => ({ unit: 'working-days', n });

/** The deadline rules of the kernel's engine (core/kernel/deadline.ts) for these terms. */
export function proposalRules(t: ProposalTerms) {
  return {
    adjust: { from: '交办后', period: { unit: 'days', n: t.adjustDays } } satisfies DeadlineRule,
    opinion: { from: '交办后', period: months(t.opinionMonths) } satisfies DeadlineRule,
    reply: { from: '交办后', period: months(t.replyMonths) } satisfies DeadlineRule,
    /** After a granted 调整 the new units get the whole time again, from the decision. */
    replyAfterAdjust: { from: '调整后重新交办后', period: months(t.replyMonths) } satisfies DeadlineRule,
    extension: { max: months(t.extensionMonths) },
    satisfaction: { from: '答复后', period: workingDays(t.satisfactionWorkingDays) } satisfies DeadlineRule,
    redoPush: { from: '反馈不满意后', period: workingDays(t.redoPushWorkingDays) } satisfies DeadlineRule,
    redoReply: { from: '重新办理交办后', period: months(t.redoMonths) } satisfies DeadlineRule,
  };
}
