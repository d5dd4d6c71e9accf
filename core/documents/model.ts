import { z } from 'zod';
import { CLASSIFIED_REFUSAL, isClassified } from './secrecy';

/** The 15 kinds of 公文 (党政机关公文处理工作条例, 第八条). */
export const DocKind = z.enum(['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要']);
export type DocKind = z.infer<typeof DocKind>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** 紧急程度 (GB/T 9704: 特急 / 加急; empty: 平件). */
export const Urgency = z.enum(['', '加急', '特急']);
export type Urgency = z.infer<typeof Urgency>;

/** 公开属性 */
export const Publicity = z.enum(['', '主动公开', '依申请公开', '不予公开']);

/** A link to another record: its id, kind and what to call it (提案 第12号 …). */
export const SourceLink = z.object({ id: z.string().min(1).max(100), kind: z.string().min(1).max(40), label: z.string().max(200) });
export type SourceLink = z.infer<typeof SourceLink>;

/** 上行文: the kinds sent up to a superior, whose header must carry 签发人. */
export const UPWARD_KINDS: ReadonlySet<DocKind> = new Set(['请示', '报告']);

/**
 * A 公文 drafted here (发文), stored in the record's Y.Map; the 正文 is the body, one paragraph per
 * line (headings 一、 included). No status field: a record without workflow events is a draft, and
 * the 公文 workflow (审核, 签发, 登记) will append its events to the record's `events`.
 */
export const DocumentFields = z.object({
  kind: z.literal('document'),
  docKind: DocKind,
  title: z.string(),
  /** 发文机关 (署名, 印发机关). */
  issuer: z.string(),
  /** 发文机关标志, e.g. 厦门市人民政府办公厅文件. */
  issuerMark: z.string(),
  /** 发文字号; empty until 登记 (a generated 通报 carries a provisional one). */
  docNumber: z.string(),
  /** 主送 */
  mainRecipients: z.array(z.string()),
  /** 抄送 */
  ccRecipients: z.array(z.string()),
  /** 成文日期 */
  writtenDate: IsoDay.nullable(),
  /** The period a 通报 covers (both days included); null for other documents. */
  period: z.object({ from: IsoDay, to: IsoDay }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  // The other GB/T 9704-2012 elements. Optional: records made before the 公文 workflow lack them.
  /** 份号 */
  copyNo: z.string().max(20).optional(),
  /** 密级和保密期限: empty for non-classified work; a classified marking is refused (secrecy.ts). */
  secrecy: z.string().max(40).refine((s) => !isClassified(s), CLASSIFIED_REFUSAL).optional(),
  /** 紧急程度 */
  urgency: Urgency.optional(),
  /** 联合发文: the other 发文机关 (their marks, 署名 and seals), besides `issuer`. */
  jointIssuers: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** 签发人 (shown on 上行文), written by the 签发 step. */
  signer: z.string().max(100).optional(),
  /** 附件说明: one line per attachment name. */
  attachmentNote: z.array(z.string().max(200)).max(50).optional(),
  /** 附注 */
  note: z.string().max(500).optional(),
  /** 印发机关 and 印发日期 */
  printer: z.string().max(100).optional(),
  printDate: IsoDay.nullable().optional(),
  /** 公开属性 */
  publicity: Publicity.optional(),
  /** 机关代字, the stem of the 发文字号 (厦府办). */
  issuerCode: z.string().max(20).optional(),
  /** The record this 公文 answers or was drafted from (documents.draftFrom: a 提案's 答复函 …). */
  source: SourceLink.optional(),
});
export type DocumentFields = z.infer<typeof DocumentFields>;

export const DocumentRow = z.object({
  id: z.string(),
  docKind: DocKind,
  title: z.string(),
  issuer: z.string(),
  docNumber: z.string(),
  writtenDate: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  createdAt: z.string(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const DocumentDetail = DocumentFields.omit({ kind: true }).extend({
  id: z.string(),
  /** 正文, one paragraph per line. */
  body: z.string(),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;
