import { parseChineseDate } from '../seed/document-header';
import { normalizeDigits } from '../text/normalize';

const DIGIT: Record<string, number> = { 〇: 0, '○': 0, 零: 0, Ｏ: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERAL = '〇○零ＯO一二三四五六七八九十';

/** 十二 → 12, 二十 → 20, 三十一 → 31, 八 → 8; NaN for anything else. */
function smallNumber(text: string): number {
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return NaN;
  if (!m[2]) return text.length === 1 && text !== '十' ? (DIGIT[text] ?? NaN) : NaN;
  return (m[1] ? (DIGIT[m[1]] ?? 0) : 1) * 10 + (m[3] ? (DIGIT[m[3]] ?? 0) : 0);
}

/** A date written in Chinese numerals (二〇二二年五月八日) as digits (2022年5月8日); other text unchanged. */
export function chineseNumeralsToDigits(text: string): string {
  const re = new RegExp(`([${NUMERAL}]{4})\\s*年\\s*([${NUMERAL}]{1,3})\\s*月\\s*([${NUMERAL}]{1,3})\\s*日`, 'g');
  return text.replace(re, (whole, y: string, mo: string, d: string) => {
    const year = [...y].map((c) => DIGIT[c]);
    const month = smallNumber(mo);
    const day = smallNumber(d);
    if (year.some((n) => n === undefined) || Number.isNaN(month) || Number.isNaN(day)) return whole;
    return `${year.join('')}年${month}月${day}日`;
  });
}

/** The pattern of a date in digits (half- or fullwidth) or Chinese numerals, for building line patterns. */
export const DATE_SOURCE = `(?:[0-9０-９]{4}|[${NUMERAL}]{4})\\s*年\\s*(?:[0-9０-９]{1,2}|[${NUMERAL}]{1,3})\\s*月\\s*(?:[0-9０-９]{1,2}|[${NUMERAL}]{1,3})\\s*日`;

/** '二〇二二年五月八日', '２０２２年５月８日', '2022 年 5 月 8 日' → '2022-05-08'; null if not a real date. */
export function parseAnyDate(text: string): string | null {
  return parseChineseDate(normalizeDigits(chineseNumeralsToDigits(text)).replace(/\s+/g, ''));
}
