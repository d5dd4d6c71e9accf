import { z } from 'zod';

/** The 15 kinds of 公文 (党政机关公文处理工作条例, 第八条). */
export const DocKind = z.enum(['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要']);
export type DocKind = z.infer<typeof DocKind>;

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
