import { formatIsoDate, lastDayOfMonth, daysInMonth, type IsoDate } from '../calendar/iso-date';
import { normalizeDigits } from '../text/normalize';

/**
 * Deadlines stated in the text of a 督办 item: 6月底前 → 2022-06-30 for a 2022 document.
 *
 * What counts as a deadline (decisions, see core/calendar/README.md for the table):
 * - A day needs 前/之前/以前 after it: 9月15日前 is a deadline, 2022年5月8日 (a 成文日期) is not.
 * - 月底/月末 need nothing more (6月底完成); 上旬/中旬/下旬/月中 need 前.
 * - 3月前 / 3月份前 is read inclusively, like 15日前: by the end of March.
 * - 年底/年末/年内, 上半年/下半年, 第N季度(末) map to the period's last day.
 * - A bare year is not a deadline: 力争2022年新建5G基站1万个 gives nothing. (A 年度工作要点 item
 *   without a phrase may default to 12-31; that is the caller's choice, kept distinct from 年底前.)
 * - Recurring phrases (每月底前, 每年6月底前) and as-of dates (截至6月底) are not deadlines.
 * The phrase is returned exactly as written (fullwidth digits kept) with its index in the text.
 */
export interface DeadlinePhrase {
  date: IsoDate;
  phrase: string;
  index: number;
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** '15', '十五', '二十', '三十一', '六' → number; null for anything else. */
export function readSmallNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (!/^(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])$/.test(s)) return null;
  const [tens = '', units = ''] = s.split('十');
  if (!s.includes('十')) return CN_DIGIT[s] ?? null;
  return (tens ? (CN_DIGIT[tens] ?? 0) : 1) * 10 + (units ? (CN_DIGIT[units] ?? 0) : 0);
}

const BY = '(?:之前|以前|前)';
const YEAR = '(?:(\\d{4})年度?|([今本当明次])年度?)?';
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])月份?';
const DAY = '(\\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]';

type Resolve = (m: RegExpExecArray, year: number) => IsoDate | null;

function yearFrom(m: RegExpExecArray, fallback: number): number {
  if (m[1]) return Number(m[1]);
  if (m[2]) return m[2] === '明' || m[2] === '次' ? fallback + 1 : fallback;
  return fallback;
}

function monthEnd(m: RegExpExecArray, year: number): IsoDate | null {
  const month = readSmallNumber(m[3] ?? '');
  if (month === null || month < 1 || month > 12) return null;
  return lastDayOfMonth(yearFrom(m, year), month);
}

function dayOf(y: number, month: number | null, day: number): IsoDate | null {
  if (month === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)) return null;
  return formatIsoDate(y, month, day);
}

const TEN_DAY_END: Record<string, number> = { 上旬: 10, 中旬: 20, 中: 15 };

/** Tried at every position; at one position the longest match wins, then the text moves past it. */
const FORMS: Array<[RegExp, Resolve]> = [
  [new RegExp(`${YEAR}${MONTH}${DAY}${BY}`, 'g'), (m, y) => dayOf(yearFrom(m, y), readSmallNumber(m[3] ?? ''), readSmallNumber(m[4] ?? '') ?? 0)],
  [new RegExp(`${YEAR}${MONTH}(?:底|末)${BY}?`, 'g'), (m, y) => monthEnd(m, y)],
  [
    new RegExp(`${YEAR}${MONTH}(上旬|中旬|下旬|中)${BY}`, 'g'),
    (m, y) => {
      const end = TEN_DAY_END[m[4] ?? ''];
      return end === undefined ? monthEnd(m, y) : dayOf(yearFrom(m, y), readSmallNumber(m[3] ?? ''), end);
    },
  ],
  [new RegExp(`${YEAR}${MONTH}${BY}`, 'g'), (m, y) => monthEnd(m, y)],
  [
    new RegExp(`${YEAR}第?([一二三四1-4])季度(?:末|底)?(?:${BY}|内)?`, 'g'),
    (m, y) => lastDayOfMonth(yearFrom(m, y), 3 * (readSmallNumber(m[3] ?? '') ?? 4)),
  ],
  [new RegExp(`${YEAR}(上半年|下半年)(?:末|底)?(?:${BY}|内)?`, 'g'), (m, y) => lastDayOfMonth(yearFrom(m, y), m[3] === '上半年' ? 6 : 12)],
  [new RegExp(`${YEAR}年中${BY}`, 'g'), (m, y) => lastDayOfMonth(yearFrom(m, y), 6)],
  [new RegExp(`(?:(\\d{4})年度?|([今本当明次])年度?|年度?)年?(?:底|末|内)${BY}?`, 'g'), (m, y) => lastDayOfMonth(yearFrom(m, y), 12)],
];

/** Characters that, just before a phrase, make it something else (三年内, 每月底前, 去年底, 统一月底). */
const BARE_YEAR_BLOCKERS = /[\d一二三四五六七八九十百千两几多数每去上前近往历全新跨逐同该]$/;
const ANY_BLOCKERS = /(?:\d|每年?|每个|截至|统|第)$/;

function acceptable(text: string, index: number, phrase: string): boolean {
  const before = text.slice(Math.max(0, index - 2), index);
  if (ANY_BLOCKERS.test(before)) return false;
  if (/^年/.test(phrase) && BARE_YEAR_BLOCKERS.test(before)) return false;
  return true;
}

/** Every deadline phrase in the text, in text order. `year` is the document's year. */
export function extractDeadlines(text: string, year: number): DeadlinePhrase[] {
  const normal = normalizeDigits(text); // same length: indexes map back to the original
  const found: Array<DeadlinePhrase & { length: number }> = [];
  for (const [re, resolve] of FORMS) {
    re.lastIndex = 0;
    for (let m = re.exec(normal); m; m = re.exec(normal)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const date = acceptable(normal, m.index, m[0]) ? resolve(m, year) : null;
      if (date) found.push({ date, index: m.index, length: m[0].length, phrase: text.slice(m.index, m.index + m[0].length) });
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const out: DeadlinePhrase[] = [];
  let end = 0;
  for (const f of found) {
    if (f.index < end) continue;
    out.push({ date: f.date, phrase: f.phrase, index: f.index });
    end = f.index + f.length;
  }
  return out;
}

/**
 * The item's deadline: the first deadline phrase in the text, or null. Later phrases (6月底前完成…,
 * 年底前全面…) are milestones; extractDeadlines returns them all.
 */
export function extractDeadline(text: string, year: number): DeadlinePhrase | null {
  return extractDeadlines(text, year)[0] ?? null;
}
