import { joinLines, type SourceLine } from './lines';
import { parseChineseDate, splitRecipients, type Paragraph } from './document-header';
import type { SeedProblem } from './types';

const LABELLED = /^(抄送|有关单位)\s*[:：]\s*/;
const ISSUED = /^(.*?)\s*([0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日)\s*印发$/;

/** Does this line open the 版记 (the block under the last point)? */
export const isFooterStart = (text: string): boolean => LABELLED.test(text) || ISSUED.test(text);

export interface FooterResult {
  ccRecipients: string[];
  relatedUnits: string[];
  issuedDate: string | null;
  paragraphs: Paragraph[];
  problems: SeedProblem[];
}

/**
 * The 版记: 有关单位:…, 抄送:…, and "<机关> <日期>印发". Lines that do not open an entry
 * continue the previous one (the entries wrap); anything after the 印发 line is reported.
 */
export function parseFooter(lines: readonly SourceLine[]): FooterResult {
  const out: FooterResult = { ccRecipients: [], relatedUnits: [], issuedDate: null, paragraphs: [], problems: [] };
  const entries: SourceLine[][] = [];
  let closed = false;
  for (const line of lines) {
    if (isFooterStart(line.text)) {
      entries.push([line]);
      closed = ISSUED.test(line.text);
    } else if (!closed && entries.length > 0) {
      entries.at(-1)?.push(line);
    } else {
      out.paragraphs.push(line);
      out.problems.push({ ...line, reason: '版记中有无法识别的文字' });
    }
  }
  for (const entry of entries) {
    const first = entry[0] as SourceLine;
    const text = joinLines(entry).text;
    out.paragraphs.push({ line: first.line, text });
    const label = LABELLED.exec(text);
    if (label?.[1] === '抄送') out.ccRecipients.push(...splitRecipients(text.slice(label[0].length)));
    else if (label?.[1] === '有关单位') out.relatedUnits.push(...splitRecipients(text.slice(label[0].length), /[、,，;；]/));
    else {
      out.issuedDate = parseChineseDate(ISSUED.exec(text)?.[2] ?? '');
      if (!out.issuedDate) out.problems.push({ line: first.line, text, reason: '印发日期不是有效日期' });
    }
  }
  out.paragraphs.sort((a, b) => a.line - b.line);
  if (!entries.some((e) => ISSUED.test(e[0]?.text ?? ''))) {
    out.problems.push({ line: lines[0]?.line ?? 0, text: '', reason: '未找到印发日期(…印发)' });
  }
  return out;
}
