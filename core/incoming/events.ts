import { z } from 'zod';
import { Person } from '../documents/events';
import { DocKind, Urgency } from '../documents/model';
import { SIGN_EVENT_SPEC } from '../records/sign-area';
import { SIGN_EVENT } from '../records/sign-event';
import { BlobRef } from '../kernel/event';

/**
 * The 收文 workflow's events: 分发到达 → 签收 (or 退回) → 登记 → 初审 → 拟办 → 批办 → 承办 and 传阅
 * (阅毕 receipts, 催办) → 办结 → 归档; 转督办 links the 督办 items made from a 批办. The steps of
 * the one path are linear; 阅毕, 催办 and 转督办 are not (they happen side by side).
 */
const Text = z.string().trim().max(2000).default('');
const Unit = z.string().trim().min(1).max(100);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const INCOMING_EVENTS = {
  /** A 发文 distributed here (made by the sender's office with the record): whose 收文 it is. */
  deliver: {
    label: '来文送达',
    linear: true,
    payload: z.object({
      toUnit: Unit,
      role: z.enum(['主送', '抄送']),
      sourceId: z.string().min(1).max(100),
      sourceUnit: Unit,
      docNumber: z.string().max(60),
      docKind: DocKind,
    }),
  },
  receive: { label: '签收', linear: true, payload: z.object({}) },
  /** 退回 to the sender when misdelivered (before 登记) or non-compliant (初审). */
  send_back: { label: '退回', linear: true, payload: z.object({ reason: z.string().trim().min(1, '请说明退回原因').max(2000) }) },
  register: {
    label: '登记',
    linear: true,
    payload: z.object({
      year: z.number().int().min(1949).max(2999),
      serial: z.number().int().min(1),
      /** 本地编号: this machine's counter (no sync server). */
      local: z.boolean().default(false),
      fromUnit: Unit,
      fromDocNumber: z.string().trim().max(60).default(''),
      secrecy: z.string().trim().max(40).default(''),
      urgency: Urgency.default(''),
      dueDate: IsoDay.nullable().default(null),
      /** 原件: the received file (PDF, DOCX, OFD) as a blob, for a 来文 registered from outside the system. */
      original: BlobRef.nullable().default(null),
    }),
  },
  /** 初审: passes, or returns with reasons (the 退回 goes to the sender). */
  review: { label: '初审', linear: true, payload: z.object({ decision: z.enum(['pass', 'return']), opinion: Text }) },
  propose: { label: '拟办', linear: true, payload: z.object({ opinion: z.string().trim().min(1, '请填写拟办意见').max(2000) }) },
  /** 批办: the leader's instruction (signed, as every event), with 主办/协办 and who reads it. */
  instruct: {
    label: '批办',
    linear: true,
    payload: z.object({
      instruction: z.string().trim().min(1, '请填写批办意见').max(2000),
      lead: Unit.nullable().default(null),
      assist: z.array(Unit).max(30).default([]),
      readers: z.array(Person).max(100).default([]),
      /** Asks the 督查室 to turn the instruction into 督办 items. */
      supervise: z.boolean().default(false),
    }),
  },
  /** 传阅: more copies, in parallel. */
  circulate: { label: '传阅', linear: false, payload: z.object({ readers: z.array(Person).min(1).max(100) }) },
  read: { label: '阅毕', linear: false, payload: z.object({ opinion: Text }) },
  urge: { label: '催办', linear: false, payload: z.object({ note: Text }) },
  /** 转督办: the 督办 items made from the 批办 (each names this 收文 as its source). */
  supervise: { label: '转督办', linear: false, payload: z.object({ itemIds: z.array(z.string().min(1).max(100)).min(1).max(100) }) },
  complete: { label: '办结', linear: true, payload: z.object({ summary: Text }) },
  archive: { label: '归档', linear: true, payload: z.object({ note: Text }) },
  [SIGN_EVENT]: SIGN_EVENT_SPEC,
} as const;

export type IncomingEventType = keyof typeof INCOMING_EVENTS;
export type IncomingPayload<T extends IncomingEventType> = z.output<(typeof INCOMING_EVENTS)[T]['payload']>;
export const isIncomingEventType = (type: string): type is IncomingEventType => Object.hasOwn(INCOMING_EVENTS, type);

/** 收文号 as the register shows it: 2022-0012. */
export const receiptNumber = (year: number, serial: number): string => `${year}-${String(serial).padStart(4, '0')}`;
