import { z } from 'zod';
import type { EventSpec } from '../kernel/area';
import { DEFAULT_TERMS, ProposalTerms } from './terms';

/** The workflow events of 提案建议 and their payloads (checked by the kernel before a rule runs). */

const Unit = z.string().trim().min(1, '请选择单位').max(100);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const Note = (max: number) => z.string().trim().max(max).default('');
const Required = (max: number, message: string) => z.string().trim().min(1, message).max(max);

export const ContactForm = z.enum(['走访', '电话', '座谈', '书面']);
export const SatisfactionLevel = z.enum(['满意', '基本满意', '不满意']);

export const AssignPayload = z.object({
  lead: Unit,
  helpers: z.array(Unit).max(20).default([]),
  terms: ProposalTerms.default(() => ({ ...DEFAULT_TERMS, resultClasses: DEFAULT_TERMS.resultClasses.map((c) => ({ ...c })) })),
  note: Note(500),
});
export const AdjustRequestPayload = z.object({ reason: Required(1000, '请写明申请调整的理由'), suggestion: Note(200) });
export const AdjustDecidePayload = z.object({
  request: z.string().min(1).max(100),
  granted: z.boolean(),
  note: Note(1000),
  /** When granted: the units from now on. */
  lead: z.string().trim().max(100).default(''),
  helpers: z.array(Unit).max(20).default([]),
});
export const ContactPayload = z.object({
  date: IsoDay,
  form: ContactForm,
  people: Required(300, '请填写参加人员'),
  summary: Required(5000, '请填写沟通情况'),
});
export const OpinionPayload = z.object({ text: Required(10000, '请填写协办意见') });
export const ExtendRequestPayload = z.object({ reason: Required(1000, '请写明延期理由'), until: IsoDay.nullable().default(null) });
export const ExtendDecidePayload = z.object({
  granted: z.boolean(),
  until: IsoDay.nullable().default(null),
  note: Note(1000),
  /** How the proposer was told of the extension (granted only). */
  notified: Note(300),
});
export const LinkReplyPayload = z.object({ documentId: z.string().min(1).max(100), title: Note(300) });
export const ReplyPayload = z.object({
  documentId: z.string().min(1).max(100),
  resultClass: z.string().trim().min(1).max(4),
  publish: z.boolean(),
  signatures: z.array(z.string().min(1).max(100)).min(1, '答复函尚未签发或用印').max(20),
});
export const SatisfactionPayload = z.object({ level: SatisfactionLevel, date: IsoDay, note: Note(2000) });
export const RedoPayload = z.object({ note: Note(1000) });
export const ClosePayload = z.object({ note: Note(1000) });

export const PROPOSAL_EVENTS = {
  assign: { label: '交办', payload: AssignPayload, linear: true },
  adjust_request: { label: '申请调整', payload: AdjustRequestPayload },
  adjust_decide: { label: '调整审定', payload: AdjustDecidePayload, linear: true },
  contact: { label: '沟通面商', payload: ContactPayload },
  opinion: { label: '协办意见', payload: OpinionPayload },
  extend_request: { label: '申请延期', payload: ExtendRequestPayload },
  extend_decide: { label: '延期审批', payload: ExtendDecidePayload, linear: true },
  link_reply: { label: '起草答复函', payload: LinkReplyPayload },
  reply: { label: '答复', payload: ReplyPayload, linear: true },
  satisfaction: { label: '满意度登记', payload: SatisfactionPayload, linear: true },
  redo: { label: '重新办理', payload: RedoPayload, linear: true },
  close: { label: '办结', payload: ClosePayload, linear: true },
} satisfies Record<string, EventSpec>;

export type ProposalEventType = keyof typeof PROPOSAL_EVENTS;
export const PROPOSAL_EVENT_TYPES = Object.keys(PROPOSAL_EVENTS) as ProposalEventType[];
export const isProposalEventType = (t: string): t is ProposalEventType => Object.hasOwn(PROPOSAL_EVENTS, t);
export type PayloadOf<T extends ProposalEventType> = z.output<(typeof PROPOSAL_EVENTS)[T]['payload']>;
