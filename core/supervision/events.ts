import type * as Y from 'yjs';
import { z } from 'zod';
import { ReportCycle } from '../calendar/report-cycle';
import { RecordEvent } from '../kernel/event';
import { eventsOf } from '../records/record-doc';
import { AttachmentList } from './attachments';

/**
 * The 督办 events: the kernel's one event format (core/kernel/event.ts) with the payloads below.
 * Every action is one event in the record's event log (the store's `record_events`, outside the
 * Y.Doc); the state (who was assigned, who signed, reports, extensions, review, closing) is
 * derived from it by the kernel's reducer with the 督办 area (area.ts). `by` is the actor as they
 * acted, `sig` their SM2 signature (core/kernel/signature.ts).
 */
export const SupervisionEvent = RecordEvent;
export type SupervisionEvent = RecordEvent;

const Unit = z.string().trim().min(1, '单位不能为空').max(100);
const Text = (max: number) => z.string().trim().max(max);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** `{name, sm3, size}` of a file in the record's `files`, or a bare name in old logs (attachments.ts). */
const Attachments = AttachmentList;

export const AssignmentRole = z.enum(['lead', 'responsible', 'cooperating']);
export type AssignmentRole = z.infer<typeof AssignmentRole>;
export const ASSIGNMENT_ROLE_LABEL: Record<AssignmentRole, string> = { lead: '牵头', responsible: '责任', cooperating: '协办' };

export const AssignmentSpec = z.object({
  unit: Unit,
  role: AssignmentRole,
  contact: Text(100).default(''),
  phone: Text(40).default(''),
  /** The unit's own part of the item (分工). */
  part: Text(2000).default(''),
});
export type AssignmentSpec = z.infer<typeof AssignmentSpec>;

export const UrgeLevel = z.enum(['blue', 'yellow', 'red']);
export type UrgeLevel = z.infer<typeof UrgeLevel>;

/** 2 working days to sign, reports by the 25th of each month: the defaults of 交办. */
export const DEFAULT_ACKNOWLEDGE_DAYS = 2;
export const DEFAULT_REPORT_CYCLE: ReportCycle = { kind: 'monthly', day: 25 };

/** The payload of each event type. Events from other replicas are checked against these. */
export const PAYLOADS = {
  /** 交办: adds units, or updates an assigned unit's role, contact and part (追加交办). */
  assign: z.object({
    assignments: z.array(AssignmentSpec).min(1, '请至少交办一个单位').max(300),
    acknowledgeDays: z.number().int().min(1).max(30).default(DEFAULT_ACKNOWLEDGE_DAYS),
    reportCycle: ReportCycle.default(DEFAULT_REPORT_CYCLE),
    note: Text(2000).default(''),
  }),
  /** 签收 by one unit. */
  acknowledge: z.object({ unit: Unit, note: Text(2000).default('') }),
  /** 进展反馈 by one unit. `milestones`: ids of the 节点目标 this report marks as reached. */
  report: z.object({
    unit: Unit,
    text: Text(20000).min(1, '请填写进展情况'),
    percent: z.number().int().min(0).max(100),
    attachments: Attachments,
    milestones: z.array(z.string().min(1).max(100)).max(50).default([]),
  }),
  /** The 督查室 returns one report (退回), with its opinion. */
  report_return: z.object({ reportId: z.string().min(1), opinion: Text(2000).min(1, '请填写退回意见') }),
  /** A manual 催办 notice to some assigned units. */
  urge: z.object({ units: z.array(Unit).min(1, '请选择催办单位').max(300), level: UrgeLevel, text: Text(20000).min(1, '请填写催办内容') }),
  /**
   * A unit confirms it has read a 催办 notice; `reply` is its written 情况说明 (required by the act
   * path for a red 督查单, optional otherwise; a unit that read it earlier may still reply).
   */
  urge_read: z.object({ urgeId: z.string().min(1), unit: Unit, reply: Text(20000).default('') }),
  /** 设定时限: the 督查室 sets the first 完成时限 of an assigned item that has none (a change needs 延期). */
  set_deadline: z.object({ deadline: IsoDate, note: Text(2000).default('') }),
  extension_request: z.object({ unit: Unit, deadline: IsoDate, reason: Text(2000).min(1, '请填写延期理由') }),
  /** Only an approval moves the deadline: to `deadline` if given, else to the date requested. */
  extension_decision: z.object({
    requestId: z.string().min(1),
    approve: z.boolean(),
    deadline: IsoDate.nullable().default(null),
    opinion: Text(2000).default(''),
  }),
  completion_request: z.object({ unit: Unit, summary: Text(20000).min(1, '请填写办结情况'), attachments: Attachments }),
  /**
   * 审核: accept, or return with an opinion (required for a return, checked by the reducer).
   * `confirmed`: accepting although these units never 签收ed or reported, and why (the act path
   * asks for it; kept in the signed event so the record shows who closed over whom).
   */
  completion_review: z.object({
    requestId: z.string().min(1),
    accept: z.boolean(),
    opinion: Text(2000).default(''),
    confirmed: z.object({ units: z.array(Unit).max(300), reason: Text(2000).min(1, '请填写确认理由') }).nullable().default(null),
  }),
  /** 销号. */
  close: z.object({ note: Text(2000).default('') }),
  /** 评价 of one unit; a later evaluation of the same unit replaces it. */
  evaluate: z.object({ unit: Unit, score: z.number().int().min(0).max(100), comment: Text(2000).default('') }),
} as const;

export type EventType = keyof typeof PAYLOADS;
export const EVENT_TYPES = Object.keys(PAYLOADS) as EventType[];
export type PayloadOf<T extends EventType> = z.output<(typeof PAYLOADS)[T]>;
export type PayloadInput<T extends EventType> = z.input<(typeof PAYLOADS)[T]>;

export const isEventType = (type: string): type is EventType => Object.hasOwn(PAYLOADS, type);

/**
 * Transitions that need one linear order: each names the last one its actor had seen (`basis`);
 * one made concurrently with another is flagged, never applied. Everything else (签收, 进展反馈,
 * 催办, 延期申请, 评价…) belongs to one unit or one notice and merges without conflict.
 */
export const LINEAR_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'assign',
  'set_deadline',
  'extension_decision',
  'completion_request',
  'completion_review',
  'close',
]);

export const EVENT_LABEL: Record<EventType, string> = {
  assign: '交办',
  acknowledge: '签收',
  report: '进展反馈',
  report_return: '退回进展反馈',
  urge: '催办',
  urge_read: '催办已阅',
  set_deadline: '设定时限',
  extension_request: '延期申请',
  extension_decision: '延期审批',
  completion_request: '办结申请',
  completion_review: '办结审核',
  close: '销号',
  evaluate: '评价',
};

/**
 * Every entry of a record's `events` Y.Array that passes the schema, in array order; malformed
 * ones by index. Events lived there before the kernel: the store's migration 7 moves them into its
 * event log with this, and replicas of older versions may still write there (nobody reads it now).
 */
export function readSupervisionEvents(doc: Y.Doc): { events: SupervisionEvent[]; malformed: number[] } {
  const events: SupervisionEvent[] = [];
  const malformed: number[] = [];
  eventsOf(doc)
    .toArray()
    .forEach((raw, index) => {
      const parsed = SupervisionEvent.safeParse(raw);
      if (parsed.success) events.push(parsed.data);
      else malformed.push(index);
    });
  return { events, malformed };
}

/** Appends an event to the legacy Y.Array (tests of records made before the kernel, and of migration 7). */
export function appendSupervisionEvent(doc: Y.Doc, event: SupervisionEvent): void {
  eventsOf(doc).push([SupervisionEvent.parse(event)]);
}
