import { normalizeForSearch } from './search-normalize';

/**
 * Tokens for the full-text index, made in JS so that SQLite only has to split on spaces.
 *
 * FTS5's trigram tokenizer cannot find two-character words (督办, 信访), and unicode61 treats a
 * whole run of Chinese as one token. So after normalisation (NFKC + lowercase):
 * - a CJK run emits, at every position, the bigram starting there, and its last character alone:
 *   数字政府 → 数字 字政 政府 府. Every character therefore starts exactly one token, which lets a
 *   one-character query be a prefix query (政* finds 政府 and a lone 政);
 * - a run of other letters, digits and marks is one word: IPv６ → ipv6, ６００ → 600, 5G → 5g;
 * - punctuation, symbols and spaces separate runs and are not indexed.
 */

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}';
/** One CJK character (Han, kana, Hangul, Bopomofo). */
export const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, 'u');
const RUNS = new RegExp(`([${CJK_CLASS}]+)|([^${CJK_CLASS}\\p{P}\\p{S}\\p{Z}\\p{C}\\s]+)`, 'gu');

export interface TextRun {
  text: string;
  cjk: boolean;
}

/** Runs of an already normalised text, in order. */
export function textRuns(normalized: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const match of normalized.matchAll(RUNS)) {
    if (match[1] !== undefined) runs.push({ text: match[1], cjk: true });
    else if (match[2] !== undefined) runs.push({ text: match[2], cjk: false });
  }
  return runs;
}

function pushCjkTokens(out: string[], run: string): void {
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i]}${chars[i + 1]}`);
  const last = chars[chars.length - 1];
  if (last !== undefined) out.push(last);
}

/** The index form of a text: its tokens separated by single spaces. */
export function indexTokens(source: string): string {
  const out: string[] = [];
  for (const run of textRuns(normalizeForSearch(source))) {
    if (run.cjk) pushCjkTokens(out, run.text);
    else out.push(run.text);
  }
  return out.join(' ');
}

/** One whitespace-separated query term: a phrase of index tokens, matched where all appear in order. */
export interface QueryTerm {
  tokens: string[];
  /** The last token matches any token it starts (one-character terms). */
  prefix: boolean;
  /** The normalised runs of the term, for highlighting. */
  runs: TextRun[];
}

/**
 * Turns one term into the token sequence its occurrences produce in the index. A CJK run that
 * is followed by another run ends where the text's run ends, so its trailing single character is
 * part of the phrase; the last run may continue in the text, so only its bigrams are required.
 */
function termOf(raw: string): QueryTerm | null {
  const runs = textRuns(normalizeForSearch(raw));
  if (runs.length === 0) return null;
  const tokens: string[] = [];
  let prefix = false;
  runs.forEach((run, index) => {
    const isLast = index === runs.length - 1;
    if (!run.cjk) {
      tokens.push(run.text);
      // A lone letter or digit as the whole term would otherwise only find that exact word.
      if (runs.length === 1 && Array.from(run.text).length === 1) prefix = true;
      return;
    }
    const chars = Array.from(run.text);
    for (let i = 0; i + 1 < chars.length; i += 1) tokens.push(`${chars[i]}${chars[i + 1]}`);
    if (!isLast || chars.length === 1) tokens.push(chars[chars.length - 1] ?? '');
    if (isLast && chars.length === 1) prefix = true;
  });
  return { tokens, prefix, runs };
}

/** Parses a user query; whitespace separates terms that must all match (AND). */
export function parseQuery(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const raw of q.split(/\s+/u)) {
    const term = termOf(raw);
    if (!term) continue;
    const key = `${term.tokens.join(' ')}${term.prefix ? '*' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/**
 * The FTS5 MATCH expression for parsed terms, or null when nothing is searchable. Tokens hold
 * only letters, digits and marks, so quoting them cannot break the expression.
 */
export function toFtsMatch(terms: readonly QueryTerm[], column?: string): string | null {
  if (terms.length === 0) return null;
  const expr = terms.map((t) => `"${t.tokens.join(' ')}"${t.prefix ? ' *' : ''}`).join(' AND ');
  return column ? `{${column}} : (${expr})` : expr;
}
