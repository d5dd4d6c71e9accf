import { z } from 'zod';
import { BlobRef } from '../kernel/event';

/** What the 收文 pages show of a 收文's workflow (incoming.workflow), including where every 传阅 copy is. */
const StepView = z.object({ name: z.string(), unit: z.string(), at: z.string(), text: z.string() });

export const IncomingPhase = z.enum(['delivered', 'received', 'registered', 'reviewed', 'proposed', 'handling', 'done', 'returned', 'archived']);

export const IncomingWorkflow = z.object({
  id: z.string(),
  phase: IncomingPhase,
  phaseLabel: z.string(),
  head: z.string().nullable(),
  unit: z.string().nullable(),
  /** The 发文 it was distributed from (来文送达), when it came through this system. */
  source: z.object({ id: z.string(), unit: z.string(), role: z.string(), docNumber: z.string(), docKind: z.string() }).nullable(),
  received: StepView.nullable(),
  returned: StepView.nullable(),
  registration: z
    .object({ receiptNo: z.string(), local: z.boolean(), fromUnit: z.string(), fromDocNumber: z.string(), urgency: z.string(), dueDate: z.string().nullable(), original: BlobRef.nullable(), name: z.string(), at: z.string() })
    .nullable(),
  review: StepView.nullable(),
  proposal: StepView.nullable(),
  instruction: StepView.extend({ supervise: z.boolean() }).nullable(),
  lead: z.string().nullable(),
  assist: z.array(z.string()),
  /** 传阅: every copy, who holds it and whether it is read (阅毕, with the opinion). */
  copies: z.array(z.object({ login: z.string(), name: z.string(), unit: z.string(), sentAt: z.string(), readAt: z.string().nullable(), opinion: z.string() })),
  urges: z.array(StepView),
  /** 督办 items made from the 批办 (转督办), with their titles when this profile has them. */
  supervisionItems: z.array(z.object({ id: z.string(), title: z.string().nullable() })),
  completion: StepView.nullable(),
  archived: StepView.nullable(),
  actions: z.array(z.string()),
});
export type IncomingWorkflow = z.infer<typeof IncomingWorkflow>;

export const IncomingListRow = z.object({
  id: z.string(),
  box: z.literal('收文'),
  docKind: z.string(),
  title: z.string(),
  docNumber: z.string(),
  issuer: z.string(),
  status: z.string(),
  phase: IncomingPhase,
  receiptNo: z.string().nullable(),
  dueDate: z.string().nullable(),
  receivedAt: z.string(),
});
export type IncomingListRow = z.infer<typeof IncomingListRow>;
