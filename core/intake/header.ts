import { splitRecipients } from '../seed/document-header';
import { contentLines, joinLines, type SourceLine } from '../seed/lines';
import { normalizeDigits } from '../text/normalize';
import { DATE_SOURCE, parseAnyDate } from './chinese-date';
import { INTAKE_FIELD_NAMES, type IntakeFields, type IntakeResult } from './model';

/** 发文字号 anywhere in a line: 〔〕 as printed, also [] 【】 ［］ as typed by hand or lost in extraction. */
const DOC_NUMBER = /([\u4e00-\u9fa5A-Za-z]{1,16})\s*[〔［[【]\s*([0-9０-９]{4})\s*[〕］\]】]\s*([0-9０-９]{1,6})\s*号/;
/** A 公文 title ends with its 文种 (the 15 kinds of the 党政机关公文处理工作条例). */
const TITLE_END = /(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要)$/;
const DATE_LINE = new RegExp(`^${DATE_SOURCE}$`);
const PUBLICITY = /^[(（]\s*此件(.+?)\s*[)）]$|^公开属性\s*[:：]\s*(.+)$/;
const ISSUED = new RegExp(`^(.*?)\\s*(${DATE_SOURCE})\\s*印发$`);
const CC = /^抄\s*送\s*[:：]\s*/;
/** Another 版记 entry (有关单位：…) or the 印发 line ends the 抄送 list. */
const LABELLED = /^[\u4e00-\u9fa5]{2,8}\s*[:：]/;
const SECRECY = /^(绝密|机密|秘密)(\s*★.*)?$/;
/** Names beside 签发人 on a 上行文's 发文字号 line wrap onto lines of their own. */
const NAMES_ONLY = /^[\u4e00-\u9fa5]{2,4}(\s+[\u4e00-\u9fa5]{2,4})*$/;

/** A 签发人 line, or a line of names wrapped from one (or from the 发文字号 line that carries 签发人). */
function isSigners(lines: readonly SourceLine[], at: number): boolean {
  const text = lines[at]?.text ?? '';
  if (/^签\s*发\s*人\s*[:：]/.test(text)) return true;
  if (!NAMES_ONLY.test(text)) return false;
  for (let i = at - 1; i >= 0 && i >= at - 4; i -= 1) if (/签\s*发\s*人/.test(lines[i]?.text ?? '')) return true;
  return false;
}

const clean = (s: string): string => normalizeDigits(s.replace(/\s+/g, ' ').trim());

const CJK = /[\u4e00-\u9fff]/;
const cjkRun = (token: string, fromEnd: boolean): number => {
  const chars = [...token];
  if (fromEnd) chars.reverse();
  let n = 0;
  while (n < chars.length && CJK.test(chars[n] ?? '')) n += 1;
  return n;
};

/**
 * Letter-spaced print (a masthead or a title spaced out, 关 于 开 展) loses its spaces; a space
 * between words of several characters (names beside 签发人: 陈志强 李明) or next to Latin stays.
 */
export function unspace(line: string): string {
  const tokens = line.trim().split(/\s+/);
  let out = tokens[0] ?? '';
  for (const token of tokens.slice(1)) {
    const before = cjkRun(out, true);
    const after = cjkRun(token, false);
    out += before > 0 && after > 0 && (before === 1 || after === 1) ? token : ` ${token}`;
  }
  return out;
}

/**
 * Reads the 9704 header and 版记 of a received 公文 from its extracted text (a PDF's, DOCX's or
 * OFD's text layer, or the seed's text): 发文机关, 发文字号, 标题, 主送, 成文日期, 公开属性,
 * 抄送, 印发机关和印发日期. Pure and tolerant: what it cannot find is listed in `missing`, never
 * guessed; it never throws on content.
 */
export function parseIntakeText(text: string): IntakeResult {
  const lines = contentLines(text).map((l) => ({ ...l, text: unspace(l.text) }));
  const fields: IntakeFields = {};
  let secrecy: string | undefined;
  const head = lines.slice(0, 12);
  const secret = head.find((l) => SECRECY.test(l.text.replace(/\s+/g, '')));
  if (secret) secrecy = secret.text.replace(/\s+/g, '');

  const numberAt = lines.findIndex((l, i) => i < 15 && DOC_NUMBER.test(l.text));
  let next = 0;
  if (numberAt >= 0) {
    const m = DOC_NUMBER.exec((lines[numberAt] as SourceLine).text) ?? [];
    fields.docNumber = normalizeDigits(`${m[1]}〔${m[2]}〕${Number(normalizeDigits(m[3] ?? ''))}号`);
    // The masthead is the line above, past any 签发人 lines (text extraction may put them either side).
    let above = numberAt - 1;
    while (above >= 0 && isSigners(lines, above)) above -= 1;
    const masthead = lines[above]?.text;
    if (masthead && !SECRECY.test(masthead) && !/^(特急|加急|\d{6})$/.test(masthead)) fields.issuer = clean(masthead.replace(/\s+/g, '').replace(/文件$/, ''));
    next = numberAt + 1;
    while (next < lines.length && isSigners(lines, next)) next += 1;
  }

  // Title: from here up to the line that ends with a 文种; 主送 follows up to a line ending with a colon.
  const colonAt = lines.findIndex((l, i) => i >= next && i < next + 8 && /[:：]$/.test(l.text));
  const titleLimit = colonAt >= 0 ? colonAt : Math.min(lines.length - 1, next + 4);
  let titleEnd = -1;
  for (let i = next; i <= titleLimit; i += 1) {
    if (TITLE_END.test(joinLines(lines.slice(next, i + 1)).text)) {
      titleEnd = i + 1;
      break;
    }
  }
  if (titleEnd > next) fields.title = clean(joinLines(lines.slice(next, titleEnd)).text);
  let afterHeader = titleEnd > next ? titleEnd : next;
  if (colonAt >= afterHeader) {
    const recipients = splitRecipients(joinLines(lines.slice(afterHeader, colonAt + 1)).text);
    if (recipients.length > 0 && !recipients.some((r) => /[。]/.test(r))) fields.mainRecipients = recipients;
    afterHeader = colonAt + 1;
  }

  // 成文日期: the first line that is only a date; the line above it is the 署名 unless it ends a sentence.
  const dateAt = lines.findIndex((l, i) => i >= afterHeader && DATE_LINE.test(l.text));
  if (dateAt >= 0) {
    const written = parseAnyDate((lines[dateAt] as SourceLine).text);
    if (written) fields.writtenDate = written;
    const signature = lines[dateAt - 1]?.text;
    if (!fields.issuer && signature && dateAt - 1 >= afterHeader && !/[。.；;，,：:]$/.test(signature)) fields.issuer = clean(signature);
    const publicity = lines.slice(dateAt + 1, dateAt + 4).map((l) => PUBLICITY.exec(l.text)).find(Boolean);
    if (publicity) fields.publicity = clean(publicity[1] ?? publicity[2] ?? '');
  }
  if (!fields.publicity) {
    const anywhere = lines.map((l) => PUBLICITY.exec(l.text)).find(Boolean);
    if (anywhere) fields.publicity = clean(anywhere[1] ?? anywhere[2] ?? '');
  }

  readBanji(lines, fields);
  const missing = INTAKE_FIELD_NAMES.filter((name) => {
    const v = fields[name];
    return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  });
  return { fields, missing, ...(secrecy ? { secrecy } : {}), text: lines.map((l) => l.text).join('\n') };
}

/** 版记: the last "<机关> <日期>印发" line and the 抄送 entry above it (wrapped lines joined). */
function readBanji(lines: readonly SourceLine[], fields: IntakeFields): void {
  let issuedAt = -1;
  for (let i = lines.length - 1; i >= 0 && issuedAt < 0; i -= 1) if (ISSUED.test((lines[i] as SourceLine).text)) issuedAt = i;
  if (issuedAt < 0) return;
  const m = ISSUED.exec((lines[issuedAt] as SourceLine).text) ?? [];
  // In a 版记 laid out as a table the 印发机关 is a cell (a line) of its own, just above.
  const above = lines[issuedAt - 1]?.text ?? '';
  const printer = m[1]?.trim() || (!LABELLED.test(above) && !/[。，,；;、]/.test(above) ? above : '');
  if (printer) fields.printer = clean(printer);
  const issued = parseAnyDate(m[2] ?? '');
  if (issued) fields.issuedDate = issued;
  let ccAt = -1;
  const ccEnd = m[1]?.trim() ? issuedAt : issuedAt - 1;
  for (let i = issuedAt - 1; i >= Math.max(0, issuedAt - 15) && ccAt < 0; i -= 1) if (CC.test((lines[i] as SourceLine).text)) ccAt = i;
  if (ccAt < 0) return;
  let end = ccAt + 1;
  while (end < ccEnd && !LABELLED.test((lines[end] as SourceLine).text)) end += 1;
  const entry = joinLines(lines.slice(ccAt, end)).text.replace(CC, '');
  const cc = splitRecipients(entry);
  if (cc.length > 0) fields.ccRecipients = cc;
}
