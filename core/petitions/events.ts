import { z } from 'zod';
import { KeyEnvelope } from '../crypto/field/envelopes';
import { BlobRef } from '../kernel/event';

/** Workflow event payloads of a 信访 case (信访工作条例 2022). Dates are YYYY-MM-DD. */
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Data keys of the protected fields, wrapped for readers (the office role, a handler). */
export const KeysPayload = z.object({ envelopes: z.array(KeyEnvelope).min(1).max(50) });
/** 受理 with its 告知书 (a generated PDF, a kernel blob). */
export const AcceptPayload = z.object({ notice: BlobRef.nullable().default(null) });
export const RefusePayload = z.object({ reason: Text(2000), notice: BlobRef.nullable().default(null) });
/** 转送/交办 to a unit (a new unit replaces the old: the old loses access); keys rewrapped for the handler. */
export const AssignPayload = z.object({
  mode: z.enum(['转送', '交办']),
  unit: Text(100),
  handler: z.string().trim().min(1).max(100).nullable().default(null),
  envelopes: z.array(KeyEnvelope).max(50).default([]),
});
/** 延期: asked by the handling unit, approved by the office; the petitioner is told why. */
export const ExtendRequestPayload = z.object({ days: z.number().int().min(1).max(30), reason: Text(2000) });
export const ExtendApprovePayload = z.object({ until: IsoDay, toldPetitioner: Text(2000) });
/** 答复意见书: signed (the event) and sealed (the PDF's seal). */
export const ReplyPayload = z.object({ summary: Text(20000), document: BlobRef.nullable().default(null) });
/** 复查/复核 requests carry the day the request was received; the window is checked against it. */
export const RequestPayload = z.object({ receivedOn: IsoDay, reason: Text(2000) });
export const DecidePayload = z.object({ result: z.enum(['维持', '变更', '撤销']), summary: Text(20000), document: BlobRef.nullable().default(null) });
/** 复核 听证: time that does not count towards the decision (a clock stop). */
export const HearingPayload = z.object({ from: IsoDay, to: IsoDay });
export const VisitPayload = z.object({ satisfaction: z.enum(['满意', '基本满意', '不满意']), note: z.string().max(2000).default('') });
export const ClosePayload = z.object({ note: z.string().max(2000).default('') });
/** 解密查看: the audit entry every decryption writes (who and when are the event's own). */
export const DECRYPT_REASONS = ['办理需要', '回访联系', '核实身份', '复查复核', '领导批示'] as const;
export const DecryptPayload = z.object({ reason: z.enum(DECRYPT_REASONS), fields: z.array(z.enum(['name', 'idNumber', 'phone', 'address', 'attachment'])).min(1).max(5) });
/**
 * 附件 (来信原件, 材料, 照片) sealed with the record's data key before they become blobs: the
 * blob holds `encryptBytes` output, its file name is sealed as a field value (names often carry
 * a person's name), and `place` binds the ciphertext to this attachment. Only readers of the
 * record key (the office, the assigned handler) can add or open one.
 */
export const SealedFile = z.object({
  place: z.string().regex(/^attachments\.[0-9a-f-]{8,64}$/, '附件位置格式不正确'),
  blob: BlobRef,
  name: z.string().startsWith('sm4f1:').max(2000),
  mime: z.string().max(200),
  size: z.number().int().nonnegative().max(20 * 1024 * 1024, '单个附件不能超过20 MB'),
});
export type SealedFile = z.infer<typeof SealedFile>;
/** `stage` says when the files came (登记 or 办理); no free text: a note could carry a name in plaintext. */
export const AttachPayload = z.object({ files: z.array(SealedFile).min(1).max(20), stage: z.enum(['登记', '办理']).default('办理') });

/** A 12345 limit: 当日, or 1–60 working days (what an office may configure per type). */
export const HotlinePeriod = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('same-day') }),
  z.object({ unit: z.literal('working-days'), n: z.number().int().min(1, '办理时限至少1个工作日').max(60, '办理时限最多60个工作日') }),
]);
/** An office's 12345 limit table, by type. */
export const HotlineLimitTable = z.object({ 紧急: HotlinePeriod, 咨询: HotlinePeriod, 求助: HotlinePeriod, 投诉: HotlinePeriod, 建议: HotlinePeriod }).strict();
/**
 * The 12345 工单's 办理时限, set at 登记 from the office's configuration (main/petitions/hotline-
 * settings.ts) and signed: every replica computes the same deadline, and a later change of the
 * configuration does not move the limits of cases already registered.
 */
export const HotlineLimitPayload = z.object({ period: HotlinePeriod });

/** A repeat or duplicate the registrar chose to link (never automatic). */
export const LinkPayload = z.object({ target: Text(100), relation: z.enum(['重复信访', '同一事项', '合并办理']), reason: Text(500) });
