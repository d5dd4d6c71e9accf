import { z } from 'zod';
import { EventStatus, RecordEvent } from '../kernel/event';
import { SignatureStatus } from '../kernel/signature-status';
import { RecordKind } from '../records/record-doc';

/**
 * The generic methods of the record kernel (core/kernel/README.md): one implementation
 * (main/kernel/handlers.ts) for every registered area, with no area code. Spread into
 * core/ipc/contract.ts. An area adds typed methods of its own only where these do not fit.
 */
const Id = z.string().min(1).max(100);
const Fields = z.record(z.string().max(60), z.unknown());
const Body = z.string().max(200000);

export const RecordHistoryEntry = z.object({
  event: RecordEvent,
  /** The action in words (交办, 签收, 创建, 修改 …). */
  label: z.string(),
  /** confirmed by the sync server, pending (made here, not yet confirmed), rejected by the server. */
  status: EventStatus,
  applied: z.boolean(),
  /** Why it was not applied (a conflict, or the server's reason), or null. */
  conflict: z.string().nullable(),
  note: z.string().nullable(),
  signature: SignatureStatus,
});
export type RecordHistoryEntry = z.infer<typeof RecordHistoryEntry>;

export const RecordDetail = z.object({
  id: z.string(),
  kind: z.string(),
  /** The area's name of one record (督办事项, 收文 …). */
  kindLabel: z.string(),
  fields: z.record(z.string(), z.unknown()),
  body: z.string(),
  /** The last applied linear event: send it back as `basis` with a linear action. */
  head: z.string().nullable(),
  history: z.array(RecordHistoryEntry),
  /** The event types the current identity may take now (permission; the state rule may still refuse). */
  actions: z.array(z.object({ type: z.string(), label: z.string() })),
  /** Whether the current identity may edit the fields (records.update). */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

export const RecordListRow = z.object({ id: z.string(), kind: z.string(), title: z.string(), createdAt: z.string() });
export type RecordListRow = z.infer<typeof RecordListRow>;

export const TodoEntry = z.object({
  /** The record it is about, and its kind (where a click leads). */
  id: z.string(),
  recordKind: z.string(),
  title: z.string(),
  /** What is waited for (the area's kind of 待办) and in words. */
  kind: z.string(),
  label: z.string(),
  since: z.string(),
  due: z.string().nullable(),
  urgency: z.number().int(),
  ref: z.string(),
});
export type TodoEntry = z.infer<typeof TodoEntry>;

export const recordsContract = {
  records: {
    /** A new record of a registered kind, created (and signed) as the current identity. */
    create: { input: z.object({ kind: RecordKind, fields: Fields.default({}), body: Body.optional() }).strict(), output: RecordDetail },
    /** Fields, body, history with signature verdicts, and what the current identity may do. */
    get: { input: z.object({ id: Id }).strict(), output: RecordDetail },
    /**
     * Saves only the fields that differ from the record's; CONFLICT when a changed field moved
     * since `base` (the fields as the form opened), naming its current value. Appends a signed
     * `edit` event, so the edit shows in 办理记录.
     */
    update: { input: z.object({ id: Id, base: Fields, patch: Fields, body: Body.optional() }).strict(), output: RecordDetail },
    /** One action: judged by the area's rules, signed, written in one transaction. */
    act: {
      input: z.object({ id: Id, basis: z.string().max(100).nullable(), type: z.string().min(1).max(60), payload: z.record(z.string(), z.unknown()).default({}) }).strict(),
      output: RecordDetail,
    },
    /** Records of one kind, newest first. */
    list: {
      input: z.object({ kind: RecordKind, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }).strict(),
      output: z.object({ rows: z.array(RecordListRow), total: z.number().int() }),
    },
  },
  todo: {
    /** The current identity's 待办 across every area: the most urgent first, then by due date. */
    list: { input: z.object({}).strict().default({}), output: z.array(TodoEntry) },
  },
} as const;
