import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { beijingDate, chineseDate } from '../../core/calendar/iso-date';
import { MAX_EXPORT_BYTES, type BriefingExport } from '../../core/ipc/dashboard';
import { proposalFieldsOf, type ProposalFields } from '../../core/proposals/model';
import { lastOf, type ProposalState } from '../../core/proposals/state';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { proposalRepo } from './repository';

/**
 * 公开: the replies marked for publication, of the proposals 办结, as one file for the government
 * website — HTML (to paste into the site's CMS) or DOCX (for 审核 before publishing). Each entry:
 * the proposal (类别、编号、标题、领衔人) and the 答复函 as signed (its title and 正文, read from the 公文
 * record the 答复 names), with the result class. The proposer's contact details are never included.
 */
export interface PublicEntry {
  heading: string;
  proposer: string;
  resultClass: string;
  letterTitle: string;
  paragraphs: string[];
  repliedOn: string;
}

export function publicEntries(store: Store): PublicEntry[] {
  return proposalRepo(store)
    .published()
    .map((id) => {
      const f: ProposalFields = proposalFieldsOf(fieldsOf(store.getDoc(id)).toJSON());
      const s = store.reduced<ProposalState>(id).state;
      const reply = lastOf(s.replies)!;
      const letter = store.has(reply.documentId) ? store.getDoc(reply.documentId) : null;
      const title = letter ? fieldsOf(letter).get('title') : null;
      return {
        heading: `${[f.session, f.meeting].join('')}第${f.number}号${f.category}:${f.title}`,
        proposer: `领衔人:${f.lead.name}${f.lead.group ? `(${f.lead.group})` : ''}`,
        resultClass: `办理结果:${reply.resultClass}类(${reply.classLabel})`,
        letterTitle: typeof title === 'string' ? title : '答复',
        paragraphs: letter ? bodyText(letter).split('\n').map((l) => l.trim()).filter(Boolean) : ['(答复函尚未同步到本机)'],
        repliedOn: reply.on,
      };
    });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function publicHtml(entries: readonly PublicEntry[], today: string): string {
  const items = entries
    .map(
      (e) => `<article>
<h2>${escape(e.heading)}</h2>
<p class="meta">${escape(e.proposer)} · ${escape(e.resultClass)} · 答复日期:${escape(chineseDate(e.repliedOn))}</p>
<h3>${escape(e.letterTitle)}</h3>
${e.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
</article>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>建议提案办理复文公开</title>
<style>body{font-family:"FangSong","仿宋",serif;max-width:48em;margin:2em auto;line-height:1.8}h1{text-align:center;font-family:"SimHei","黑体",sans-serif}article{border-top:1px solid #ccc;padding-top:1em}.meta{color:#555}</style>
</head><body>
<h1>建议提案办理复文公开</h1>
<p class="meta">共${entries.length}件,导出日期:${escape(chineseDate(today))}</p>
${items}
</body></html>
`;
}

export async function publicDocx(entries: readonly PublicEntry[], today: string): Promise<Uint8Array> {
  const body = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold ?? false, font: '仿宋_GB2312', size: 32 })] });
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: '建议提案办理复文公开', font: '方正小标宋简体', size: 44 })] }),
    body(`共${entries.length}件,导出日期:${chineseDate(today)}`, { center: true }),
  ];
  for (const e of entries) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: e.heading, font: '黑体', size: 32 })] }));
    children.push(body(`${e.proposer}  ${e.resultClass}  答复日期:${chineseDate(e.repliedOn)}`));
    children.push(body(e.letterTitle, { bold: true, center: true }));
    for (const p of e.paragraphs) children.push(body(p));
  }
  return new Uint8Array(await Packer.toBuffer(new Document({ creator: '协同办公', title: '建议提案办理复文公开', sections: [{ children }] })));
}

export async function exportPublic(store: Store, format: 'html' | 'docx', now: Date): Promise<BriefingExport> {
  const today = beijingDate(now);
  const entries = publicEntries(store);
  if (entries.length === 0) throw new AppError('BAD_INPUT', '没有已办结并同意公开的答复');
  const bytes = format === 'html' ? new TextEncoder().encode(publicHtml(entries, today)) : await publicDocx(entries, today);
  if (bytes.length > MAX_EXPORT_BYTES) throw new AppError('BAD_INPUT', '文件过大,请分批导出');
  const mime = format === 'html' ? 'text/html;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return { fileName: `建议提案复文公开_${today}.${format}`, mime, bytes: bytes.length, base64: Buffer.from(bytes).toString('base64') };
}
