import { z } from 'zod';
import { isIsoDate } from '../../core/calendar/iso-date';
import { fail, ok, type Result } from '../../core/result';
import { parseDocNumber } from './doc-number';

/** A 公文 as the layout module sees it: the elements of GB/T 9704-2012, no styling. */

const Text = (max: number) => z.string().trim().min(1).max(max);
const IsoDateText = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD');

const DocNumberText = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseDocNumber(value);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  })
  .transform((value) => {
    const parsed = parseDocNumber(value);
    return typeof parsed === 'string' ? value : parsed.text;
  });

/**
 * A paragraph of 正文. A plain string is a paragraph whose heading level is read from its number
 * (一、 → 1, （一） → 2, 1． → 3, （1） → 4); `level: 0` forces an ordinary paragraph.
 */
export const BodyParagraph = z.union([
  Text(5000),
  z.strictObject({ text: Text(5000), level: z.number().int().min(0).max(4).optional() }),
]);
export type BodyParagraph = z.infer<typeof BodyParagraph>;

export const OfficialDocumentSchema = z.strictObject({
  /** 份号: 6 digits. */
  copyNumber: z.string().regex(/^\d{6}$/, '份号应为6位阿拉伯数字').optional(),
  /** 密级: present only to be refused — 涉密公文 travel only through 机要 channels, never here. */
  secrecy: z.string().optional(),
  urgency: z.enum(['特急', '加急']).optional(),
  /** 发文机关标志, e.g. 厦门市人民政府办公厅文件. */
  issuerMark: Text(40),
  docNumber: DocNumberText,
  /** 签发人 (上行文): names in the issuing bodies' order. */
  signers: z.array(Text(20)).max(8).optional(),
  /** '\n' marks where the title breaks; otherwise it is broken into balanced lines. */
  title: Text(200),
  /** 主送机关, e.g. ['各区人民政府', '市直各委、办、局']. */
  mainRecipients: z.array(Text(100)).max(100).default([]),
  body: z.array(BodyParagraph).min(1, '正文不能为空'),
  /** 附件说明: attachment names, without the final punctuation. */
  attachments: z.array(Text(200)).max(50).default([]),
  /** 发文机关署名. */
  issuer: Text(100),
  /** 成文日期. */
  writtenDate: IsoDateText,
  /** Leave room for the seal (印章) and draw a placeholder where it goes. */
  seal: z.boolean().default(false),
  /** 附注, e.g. 此件主动公开 (the parentheses are added). */
  note: Text(200).optional(),
  banji: z
    .strictObject({
      /** 抄送机关. */
      cc: z.array(Text(100)).max(200).default([]),
      /** Other 版记 elements, e.g. { label: '有关单位', names: [...] }. */
      others: z.array(z.strictObject({ label: Text(20), names: z.array(Text(100)).min(1) })).default([]),
      /** 印发机关. */
      printer: Text(100),
      /** 印发日期. */
      printDate: IsoDateText,
    })
    .optional(),
});

export type OfficialDocument = z.output<typeof OfficialDocumentSchema>;
export type OfficialDocumentInput = z.input<typeof OfficialDocumentSchema>;

const LABELS: Record<string, string> = {
  copyNumber: '份号',
  secrecy: '密级',
  urgency: '紧急程度',
  issuerMark: '发文机关标志',
  docNumber: '发文字号',
  signers: '签发人',
  title: '标题',
  mainRecipients: '主送机关',
  body: '正文',
  attachments: '附件说明',
  issuer: '发文机关署名',
  writtenDate: '成文日期',
  seal: '印章',
  note: '附注',
  banji: '版记',
  cc: '抄送机关',
  others: '版记其他要素',
  printer: '印发机关',
  printDate: '印发日期',
};

/** Checks an untrusted value; the message names the element in Chinese. */
export function validateOfficialDocument(input: unknown): Result<OfficialDocument> {
  const parsed = OfficialDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const where = i.path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : (LABELS[String(p)] ?? String(p)))).join('·');
      return { path: i.path.map(String), message: where ? `${where}:${i.message}` : i.message };
    });
    return fail('BAD_INPUT', issues.map((i) => i.message).join(';'), issues);
  }
  if (parsed.data.secrecy) {
    return fail('BAD_INPUT', '密级:本系统不处理涉密公文,涉密公文只能通过机要渠道或经认证的涉密系统办理');
  }
  return ok(parsed.data);
}
