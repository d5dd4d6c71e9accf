import PDFDocument from 'pdfkit';
import type { StoredEvent } from '../../core/kernel/event';
import { AppError } from '../../core/result';
import { fontCandidates } from '../layout/fonts';

export interface RecordSheetInput {
  title: string;
  kindLabel: string;
  recordId: string;
  /** Field name (in Chinese where the area names it) and its value as text. */
  fields: Array<[string, string]>;
  body: string;
  events: readonly StoredEvent[];
  eventLabel: (type: string) => string;
  /** Fixed for reproducible files. */
  creationDate: Date;
}

/**
 * The PDF of a record that is not a 公文 (a 督办事项 …): an A4 归档登记表 with its fields, 正文
 * and 办理记录, in 宋体 (or its open substitute). A 公文 is printed by its area in GB/T 9704
 * layout instead (AreaModule.archivePdf).
 */
export async function renderRecordSheet(o: RecordSheetInput): Promise<{ pdf: Buffer; pages: number }> {
  const font = fontCandidates('songti')[0];
  if (!font) throw new AppError('NOT_FOUND', '找不到可用的中文字体,无法生成归档 PDF');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 72 }, bufferPages: true, info: { Title: o.title, Creator: 'Xietong 协同办公', CreationDate: o.creationDate } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('song', font.path, font.postscript);
  doc.font('song');
  doc.fontSize(20).text(`${o.kindLabel}归档登记表`, { align: 'center' }).moveDown(0.5);
  doc.fontSize(14).text(o.title, { align: 'center' }).moveDown(1);
  doc.fontSize(11);
  for (const [name, value] of [['记录编号', o.recordId] as [string, string], ...o.fields]) doc.text(`${name}:${value || '—'}`).moveDown(0.2);
  if (o.body.trim()) {
    doc.moveDown(0.6).fontSize(13).text('正文').fontSize(11).moveDown(0.3);
    for (const para of o.body.split('\n').filter((l) => l.trim())) doc.text(para, { indent: 22 }).moveDown(0.2);
  }
  doc.moveDown(0.6).fontSize(13).text('办理记录').fontSize(10).moveDown(0.3);
  o.events.forEach((s, i) => {
    const e = s.event;
    const who = e.by ? `${e.by.name}(${e.by.unit})` : e.actor;
    const state = s.status === 'rejected' ? `(已被拒绝:${s.reason ?? ''})` : s.status === 'pending' ? '(待同步)' : '';
    doc.text(`${i + 1}. ${e.at}  ${who}  ${o.eventLabel(e.type)}${e.sig ? '  [已签名]' : ''}${state}`).moveDown(0.1);
  });
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}
