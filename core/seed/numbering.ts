import { normalizeDigits } from '../text/normalize';

const CN_DIGITS = '零一二三四五六七八九';

/** 一 … 九十九 as a number; null for anything else. */
export function chineseToNumber(s: string): number | null {
  const m = /^(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const tens = m[2] ? (m[1] ? CN_DIGITS.indexOf(m[1]) : 1) : 0;
  const ones = m[3] ? CN_DIGITS.indexOf(m[3]) : 0;
  return tens * 10 + ones;
}

/** 1 … 99 as 一 … 九十九, the way 公文 numbers its levels. */
export function numberToChinese(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${CN_DIGITS[tens]}十`;
  return tensPart + (ones === 0 ? '' : (CN_DIGITS[ones] ?? ''));
}

export type HeadingLevel = 'section' | 'sub' | 'point';

/** A numbered heading at the start of a line: 一、 / (一) / １． (either bracket or digit width). */
export interface Heading {
  level: HeadingLevel;
  n: number;
  /** Offset of the text after the number. */
  restOffset: number;
}

const PATTERNS: ReadonlyArray<[HeadingLevel, RegExp, (s: string) => number | null]> = [
  ['section', /^([一二三四五六七八九十]{1,3})、\s*/, chineseToNumber],
  ['sub', /^[(（]([一二三四五六七八九十]{1,3})[)）]\s*/, chineseToNumber],
  // A digit after the point would make it a decimal (１．５), not a heading.
  ['point', /^([0-9０-９]{1,2})[.．](?![0-9０-９])\s*/, (s) => Number(normalizeDigits(s))],
];

export function matchHeading(text: string): Heading | null {
  for (const [level, pattern, toNumber] of PATTERNS) {
    const m = pattern.exec(text);
    const n = m?.[1] === undefined ? null : toNumber(m[1]);
    if (m && n && m[0].length < text.length) return { level, n, restOffset: m[0].length };
  }
  return null;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && /[0-9０-９]/.test(ch);

/**
 * Index of the first full stop. The seed prints 。 as a halfwidth '.', so '.' and '．' count
 * too, except between digits where they are decimal points. -1 when there is none.
 */
export function firstSentenceEnd(text: string): number {
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '。') return i;
    if ((ch === '.' || ch === '．') && !(isDigit(text[i - 1]) && isDigit(text[i + 1]))) return i;
  }
  return -1;
}

/** Code of a (一)-level item or heading: ('一', 2) -> 一(二). Points append their digit to it. */
export const subCode = (sectionCode: string, n: number): string => `${sectionCode}(${numberToChinese(n)})`;
