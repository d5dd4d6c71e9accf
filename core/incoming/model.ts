import { z } from 'zod';
import { CLASSIFIED_REFUSAL, isClassified } from '../documents/secrecy';

/** 收文 (incoming document) fields, stored in the record's Y.Map; the full text is the body. */
export const IncomingFields = z.object({
  kind: z.literal('incoming'),
  title: z.string(),
  /** 发文机关 */
  issuer: z.string(),
  /** 发文字号, e.g. 厦府办〔2022〕47号 */
  docNumber: z.string(),
  /** 成文日期 */
  writtenDate: z.string().nullable(),
  /** 印发日期 */
  issuedDate: z.string().nullable(),
  /** 主送 */
  mainRecipients: z.array(z.string()),
  /** 抄送 */
  ccRecipients: z.array(z.string()),
  /** 公开属性: 主动公开 / 依申请公开 / 不予公开 */
  publicity: z.string(),
  receivedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 文种, when known (a distributed 发文, an intake that found it). */
  docKind: z.string().max(10).optional(),
  /** 密级 as marked on the document; a classified one is refused (core/documents/secrecy.ts). */
  secrecy: z.string().max(40).refine((s) => !isClassified(s), CLASSIFIED_REFUSAL).optional(),
});
export type IncomingFields = z.infer<typeof IncomingFields>;

export const IncomingDetail = IncomingFields.omit({ kind: true }).extend({
  id: z.string(),
  body: z.string(),
  /** Supervision items created from this document. */
  linkedItems: z.number().int(),
});
export type IncomingDetail = z.infer<typeof IncomingDetail>;

export const IncomingRow = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  docNumber: z.string(),
  writtenDate: z.string().nullable(),
  receivedAt: z.string(),
});
export type IncomingRow = z.infer<typeof IncomingRow>;
