import { normalizeDigits } from '../text/normalize';
import { joinLines, type SourceLine } from './lines';
import { matchHeading } from './numbering';
import type { SeedProblem } from './types';

const DOC_NUMBER = /^(.+?)[〔［[]([0-9０-９]{4})[〕］\]]([0-9０-９]+)号$/;
const DATE = /([0-9０-９]{4})年([0-9０-９]{1,2})月([0-9０-９]{1,2})日/;
const DATE_LINE = new RegExp(`^${DATE.source}$`);
const PUBLICITY = /^[(（]此件(.+)[)）]$/;
/** A 公文 title ends with its kind (the 15 kinds of the 党政机关公文处理工作条例); that tells it apart from a wrapped 主送 line. */
const TITLE_END = /(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$/;
const QUOTED = /[«《]([^»》]+)[»》]/;

/** '２０２２年５月８日' -> '2022-05-08'; null if it is not a real calendar date. */
export function parseChineseDate(text: string): string | null {
  const m = DATE.exec(normalizeDigits(text));
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 主送/抄送 lists: entries are separated by , and ; — 、 joins parts of one entry (市直各委、办、局). */
export function splitRecipients(text: string, separators = /[,，;；]/): string[] {
  return text
    .replace(/[:：.。]+$/, '')
    .split(separators)
    .map((s) => normalizeDigits(s.trim()))
    .filter((s) => s !== '');
}

export interface Paragraph {
  line: number;
  text: string;
}

export interface HeaderResult {
  issuer: string;
  docNumber: string;
  title: string;
  writtenDate: string | null;
  mainRecipients: string[];
  publicity: string;
  /** The work points' own title as quoted in the notice («…»), to recognise it below. */
  quotedTitle: string | null;
  paragraphs: Paragraph[];
  problems: SeedProblem[];
  /** Index of the first line after the header. */
  next: number;
}

const paragraph = (lines: readonly SourceLine[]): Paragraph => ({ line: lines[0]?.line ?? 0, text: joinLines(lines).text });

/**
 * The notice around the work points (版头 and 正文 of the 公文): masthead, 发文字号, title,
 * 主送, the notice text, signature, 成文日期 and (此件主动公开). Stops at the first 一、 heading.
 */
export function parseHeader(lines: readonly SourceLine[]): HeaderResult {
  const out: HeaderResult = {
    issuer: '', docNumber: '', title: '', writtenDate: null, mainRecipients: [], publicity: '',
    quotedTitle: null, paragraphs: [], problems: [], next: 0,
  };
  const firstSection = lines.findIndex((l) => matchHeading(l.text)?.level === 'section');
  const limit = firstSection < 0 ? lines.length : firstSection;
  const find = (from: number, test: (text: string) => boolean): number => {
    for (let i = from; i < limit; i += 1) if (test(lines[i]?.text ?? '')) return i;
    return -1;
  };
  const missing = (reason: string, line = lines[out.next]?.line ?? 0): void => {
    out.problems.push({ line, text: '', reason });
  };
  const take = (from: number, to: number): SourceLine[] => lines.slice(from, to);

  const numberAt = find(0, (t) => DOC_NUMBER.test(t));
  if (numberAt < 0) {
    missing('未找到发文字号(如 厦府办〔2022〕47号),无法识别公文版头');
    return out;
  }
  for (const stray of take(0, Math.max(0, numberAt - 1))) {
    out.paragraphs.push(stray);
    out.problems.push({ ...stray, reason: '版头之前有无法识别的文字' });
  }
  const masthead = lines[numberAt - 1];
  if (masthead) {
    out.issuer = normalizeDigits(masthead.text.replace(/文件$/, ''));
    out.paragraphs.push(masthead);
  } else missing('未找到发文机关标志', lines[numberAt]?.line);
  const numberLine = lines[numberAt] as SourceLine;
  const dn = DOC_NUMBER.exec(numberLine.text) ?? [];
  out.docNumber = normalizeDigits(`${dn[1]}〔${dn[2]}〕${dn[3]}号`);
  out.paragraphs.push(numberLine);
  out.next = numberAt + 1;

  const colonAt = find(out.next, (t) => /[:：]$/.test(t));
  if (colonAt < 0) {
    missing('未找到主送机关(以冒号结尾的一行)');
    return out;
  }
  let titleEnd = colonAt;
  for (let i = out.next + 1; i <= colonAt; i += 1) {
    if (TITLE_END.test(joinLines(take(out.next, i)).text)) {
      titleEnd = i;
      break;
    }
  }
  const titleLines = take(out.next, titleEnd);
  if (titleLines.length === 0) missing('未找到公文标题');
  else out.paragraphs.push(paragraph(titleLines));
  out.title = normalizeDigits(joinLines(titleLines).text);
  const recipients = take(titleEnd, colonAt + 1);
  out.paragraphs.push(paragraph(recipients));
  out.mainRecipients = splitRecipients(joinLines(recipients).text);
  out.next = colonAt + 1;

  const dateAt = find(out.next, (t) => DATE_LINE.test(t));
  if (dateAt < 0) {
    missing('未找到成文日期');
    return out;
  }
  const notice = take(out.next, dateAt);
  const last = notice.at(-1);
  // The line above the date is the signature unless it ends a sentence (no signature printed).
  const signature = last && !/[.。]$/.test(last.text) ? notice.pop() : undefined;
  if (notice.length > 0) out.paragraphs.push(paragraph(notice));
  out.quotedTitle = QUOTED.exec(joinLines(notice).text)?.[1] ?? null;
  if (signature) out.paragraphs.push(signature);
  if (!out.issuer && signature) out.issuer = normalizeDigits(signature.text);
  const dateLine = lines[dateAt] as SourceLine;
  out.paragraphs.push(dateLine);
  out.writtenDate = parseChineseDate(dateLine.text);
  if (!out.writtenDate) out.problems.push({ ...dateLine, reason: '成文日期不是有效日期' });
  out.next = dateAt + 1;

  const publicityLine = out.next < limit ? lines[out.next] : undefined;
  const publicity = publicityLine ? PUBLICITY.exec(publicityLine.text) : null;
  if (publicityLine && publicity?.[1]) {
    out.publicity = publicity[1].trim();
    out.paragraphs.push(publicityLine);
    out.next += 1;
  } else missing('未找到公开属性(此件…公开)');
  return out;
}
