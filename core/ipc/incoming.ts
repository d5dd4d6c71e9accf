import { z } from 'zod';
import { Urgency } from '../documents/model';
import { IncomingDetail } from '../incoming/model';
import { IncomingListRow, IncomingWorkflow } from '../incoming/view';
import { BlobRef } from '../kernel/event';
import { ListFilter } from './documents';

/**
 * 收文: the register and the 收文 workflow's own methods; spread into core/ipc/contract.ts. The
 * plain steps (签收, 退回, 初审, 拟办, 批办, 传阅, 阅毕, 催办, 办结, 归档) are records.act with the
 * area's event types (core/incoming/events.ts); these are the ones that need the main side.
 */
const Id = z.string().min(1).max(100);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Units = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

export const incomingContract = {
  incoming: {
    /** Newest first; `status` a phase (delivered …) or its label (待签收 …). */
    list: { input: ListFilter, output: z.array(IncomingListRow) },
    get: { input: z.object({ id: Id }).strict(), output: IncomingDetail },
    workflow: { input: z.object({ id: Id }).strict(), output: IncomingWorkflow },
    /** 登记: the 收文号 (per unit per year) from the sync server, or 本地编号. A classified 来文 is refused. */
    register: {
      input: z
        .object({
          id: Id,
          basis: z.string().max(100).nullable(),
          fromUnit: z.string().trim().min(1, '请填写来文单位').max(100),
          fromDocNumber: z.string().trim().max(60).default(''),
          secrecy: z.string().trim().max(40).default(''),
          urgency: Urgency.default(''),
          dueDate: IsoDay.nullable().default(null),
        })
        .strict(),
      output: IncomingWorkflow,
    },
    /**
     * 来文登记: a 公文 received from outside the system (on paper, by e-mail, or its file dropped on
     * the form and read by intake.extract) becomes a 收文 and is 登记ed at once, with the file as
     * its 原件 (a blob on this machine). A classified 来文 is refused before anything is written.
     */
    registerExternal: {
      input: z
        .object({
          title: z.string().trim().min(1, '请填写标题').max(200),
          issuer: z.string().trim().min(1, '请填写来文单位').max(100),
          docNumber: z.string().trim().max(60).default(''),
          writtenDate: IsoDay.nullable().default(null),
          issuedDate: IsoDay.nullable().default(null),
          mainRecipients: Units,
          ccRecipients: Units,
          publicity: z.string().trim().max(20).default(''),
          secrecy: z.string().trim().max(40).default(''),
          urgency: Urgency.default(''),
          dueDate: IsoDay.nullable().default(null),
          body: z.string().max(1_000_000).default(''),
          original: BlobRef.nullable().default(null),
        })
        .strict(),
      output: IncomingWorkflow,
    },
    /** 批办转督办 in one step: 督办 items made from the instruction, each naming this 收文 as its source. */
    toSupervision: {
      input: z
        .object({
          id: Id,
          items: z
            .array(z.object({ title: z.string().trim().min(1).max(200), lead: z.array(z.string().min(1).max(100)).min(1).max(20), responsible: z.array(z.string().min(1).max(100)).max(50).default([]), deadline: IsoDay.nullable().default(null) }))
            .min(1)
            .max(50),
        })
        .strict(),
      output: IncomingWorkflow,
    },
  },
} as const;
