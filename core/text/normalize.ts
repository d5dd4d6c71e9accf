/**
 * Fullwidth ASCII digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) to halfwidth, and nothing else.
 * Deliberately narrower than NFKC: punctuation, brackets and CJK compatibility characters are
 * left alone, so each caller decides about those (document codes keep their 〔〕, body text is
 * never normalised at all).
 */
export function normalizeDigits(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
