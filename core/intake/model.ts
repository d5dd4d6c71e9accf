import { z } from 'zod';

/**
 * What intake reads from a received 公文 (GB/T 9704 版头, 主体 and 版记), named as the 收文
 * record's fields are (core/incoming/model.ts) where it has them: 来文单位 is `issuer`, 来文字号
 * is `docNumber`.
 */
export const IntakeFields = z.object({
  /** 发文机关 (来文单位): the masthead without 文件, else the 署名. */
  issuer: z.string().optional(),
  /** 发文字号 (来文字号), normalised: halfwidth digits, 〔〕: 厦府办〔2022〕47号. */
  docNumber: z.string().optional(),
  title: z.string().optional(),
  /** 主送机关. */
  mainRecipients: z.array(z.string()).optional(),
  /** 成文日期, YYYY-MM-DD. */
  writtenDate: z.string().optional(),
  /** 抄送机关. */
  ccRecipients: z.array(z.string()).optional(),
  /** 印发机关. */
  printer: z.string().optional(),
  /** 印发日期, YYYY-MM-DD. */
  issuedDate: z.string().optional(),
  /** 公开属性: 主动公开 / 依申请公开 / 不予公开. */
  publicity: z.string().optional(),
});
export type IntakeFields = z.infer<typeof IntakeFields>;

export const INTAKE_FIELD_NAMES = ['issuer', 'docNumber', 'title', 'mainRecipients', 'writtenDate', 'ccRecipients', 'printer', 'issuedDate', 'publicity'] as const;
export type IntakeFieldName = (typeof INTAKE_FIELD_NAMES)[number];

/** The users' names of the fields (登记 marks what it could not find with them). */
export const INTAKE_FIELD_LABELS: Record<IntakeFieldName, string> = {
  issuer: '发文机关',
  docNumber: '发文字号',
  title: '标题',
  mainRecipients: '主送机关',
  writtenDate: '成文日期',
  ccRecipients: '抄送机关',
  printer: '印发机关',
  issuedDate: '印发日期',
  publicity: '公开属性',
};

export const IntakeResult = z.object({
  fields: IntakeFields,
  /** Fields not found in the text, in INTAKE_FIELD_NAMES order. */
  missing: z.array(z.enum(INTAKE_FIELD_NAMES)),
  /** 密级 as printed (秘密★1年 …) when the 版头 carries one: 登记 must refuse such a document. */
  secrecy: z.string().optional(),
  /** The extracted text, one line per printed line. */
  text: z.string(),
});
export type IntakeResult = z.infer<typeof IntakeResult>;
