import { chineseDate } from '../../core/calendar/iso-date';
import { UPWARD_KINDS, type DocumentFields } from '../../core/documents/model';
import { MAX_EXPORT_BYTES, type BriefingExport } from '../../core/ipc/dashboard';
import { AppError } from '../../core/result';
import { renderDocx, renderPdf, type OfficialDocumentInput } from '../layout';
import type { PdfOptions } from '../layout/pdf';
import type { BodyParagraph } from '../layout/model';
import { validateOfficialDocument } from '../layout/model';

/**
 * A stored document record → main/layout's OfficialDocument. The record is the source: the
 * export is rebuilt from its fields and body every time, so an edited body is what gets printed.
 */

/** 正文 lines → layout paragraphs: headings 一、 keep their level; everything else (item lines 1．) is ordinary. */
export function bodyParagraphs(body: string): BodyParagraph[] {
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((text) => (/^[一二三四五六七八九十]+、/u.test(text) ? text : { text, level: 0 }));
}

/** The title as laid out: a 通报's period is kept on one line (the balancer would split its dates). */
export function layoutTitle(title: string, period: DocumentFields['period']): string {
  if (!period) return title;
  const label = `${chineseDate(period.from)}至${chineseDate(period.to)}`;
  const at = title.indexOf(label);
  if (at <= 0) return title;
  const before = title.slice(0, at);
  const after = title.slice(at + label.length);
  return [before, label, after].filter((s) => s !== '').join('\n');
}

export function officialDocument(fields: DocumentFields, body: string): OfficialDocumentInput {
  if (!fields.docNumber) throw new AppError('BAD_INPUT', '发文字号尚未登记,暂不能按公文版式导出');
  if (!fields.writtenDate) throw new AppError('BAD_INPUT', '成文日期为空,暂不能按公文版式导出');
  // 上行文 (请示, 报告) carry 签发人 in the header (GB/T 9704 7.2.5); the 签发 step fills it in.
  const upward = UPWARD_KINDS.has(fields.docKind);
  if (upward && !fields.signer) throw new AppError('BAD_INPUT', '上行文须标注签发人,请先完成签发和编号');
  const joint = fields.jointIssuers ?? [];
  return {
    issuerMark: fields.issuerMark || `${fields.issuer}文件`,
    docNumber: fields.docNumber,
    title: layoutTitle(fields.title, fields.period),
    mainRecipients: fields.mainRecipients,
    body: bodyParagraphs(body),
    // 联合发文: every 发文机关 signs (署名) in order.
    issuer: [fields.issuer, ...joint].join(' '),
    writtenDate: fields.writtenDate,
    ...(fields.copyNo && /^\d{6}$/.test(fields.copyNo) ? { copyNumber: fields.copyNo } : {}),
    ...(fields.urgency ? { urgency: fields.urgency } : {}),
    ...(upward && fields.signer ? { signers: [fields.signer] } : {}),
    ...(fields.attachmentNote?.length ? { attachments: fields.attachmentNote } : {}),
    ...(fields.note ? { note: fields.note } : fields.publicity === '主动公开' || fields.publicity === '依申请公开' ? { note: `此件${fields.publicity}` } : {}),
    banji: { cc: fields.ccRecipients, others: [], printer: fields.printer || fields.issuer, printDate: fields.printDate ?? fields.writtenDate },
  };
}

export const EXPORT_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Lays out and renders; refuses files too large for one JSON reply. */
export async function renderOfficial(
  input: OfficialDocumentInput,
  format: 'pdf' | 'docx',
  fileStem: string,
  pdfOptions: PdfOptions = {},
): Promise<BriefingExport> {
  const checked = validateOfficialDocument(input);
  if (!checked.ok) throw new AppError('BAD_INPUT', `公文无法排版:${checked.error.message}`);
  const file = format === 'pdf' ? await renderPdf(checked.value, pdfOptions) : await renderDocx(checked.value);
  if (file.length > MAX_EXPORT_BYTES) {
    throw new AppError('BAD_INPUT', `文件过大(${Math.round(file.length / 1024 / 1024)} MB),请缩短正文后重试`);
  }
  return { fileName: `${fileStem}.${format}`, mime: EXPORT_MIME[format], bytes: file.length, base64: Buffer.from(file).toString('base64') };
}

/** The export's file name without extension. */
export function fileStemOf(fields: DocumentFields): string {
  if (fields.docKind === '通报' && fields.period) return `督查通报_${fields.period.from}_${fields.period.to}`;
  return (fields.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || '公文').replace(/^_+|_+$/g, '') || '公文';
}
