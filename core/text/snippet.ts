import type { SearchHit } from '../ipc/search';
import { normalizeMapped } from './search-normalize';
import { CJK_CHAR, type QueryTerm } from './search-tokens';

export type SnippetSegment = SearchHit['snippet'][number];

/**
 * Snippets are built here from the original text, never by SQLite: the index holds tokens, not
 * text, and the UI gets plain segments instead of HTML. Occurrences are found in the normalised
 * text and mapped back, so a query 600 highlights ６００ as written.
 */

interface Needle {
  text: string;
  /** Letters/digits must not continue on the left/right (600 is not highlighted inside 6000). */
  wordStart: boolean;
  wordEnd: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function needlesOf(terms: readonly QueryTerm[]): Needle[] {
  const out: Needle[] = [];
  for (const term of terms) {
    term.runs.forEach((run, index) => {
      const last = index === term.runs.length - 1;
      out.push({ text: run.text, wordStart: !run.cjk, wordEnd: !run.cjk && !(last && term.prefix) });
    });
  }
  return out;
}

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const cp = text.codePointAt(index) ?? 0;
  // A CJK character next to a word is a boundary: 5G网络 highlights 5g.
  return WORD_CHAR.test(String.fromCodePoint(cp)) && !CJK_CHAR.test(String.fromCodePoint(cp));
}

/** Hit ranges in original-text coordinates, sorted and merged. */
export function findHits(source: string, terms: readonly QueryTerm[]): Array<[number, number]> {
  const norm = normalizeMapped(source);
  const ranges: Array<[number, number]> = [];
  for (const needle of needlesOf(terms)) {
    if (!needle.text) continue;
    let at = norm.text.indexOf(needle.text);
    while (at >= 0) {
      const endAt = at + needle.text.length;
      const okStart = !needle.wordStart || !isWordAt(norm.text, at - 1);
      const okEnd = !needle.wordEnd || !isWordAt(norm.text, endAt);
      if (okStart && okEnd) ranges.push([norm.start[at] ?? 0, norm.end[endAt - 1] ?? source.length]);
      at = norm.text.indexOf(needle.text, at + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

const flat = (text: string) => text.replace(/\s+/gu, ' ');

/**
 * A window of about `width` characters around the first hit, as segments. Returns null when
 * the text has no hit, so the caller can try another field.
 */
export function buildSnippet(source: string, terms: readonly QueryTerm[], width = 80): SnippetSegment[] | null {
  const hits = findHits(source, terms);
  const first = hits[0];
  if (!first) return null;
  let from = Math.max(0, first[0] - Math.floor(width / 4));
  const to = Math.min(source.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  const segments: SnippetSegment[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += text;
    else segments.push({ text, hit });
  };
  if (from > 0) push('…', false);
  let cursor = from;
  for (const [start, end] of hits) {
    if (end <= from) continue;
    if (start >= to) break;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    push(flat(source.slice(cursor, s)), false);
    push(flat(source.slice(s, e)), true);
    cursor = e;
  }
  push(flat(source.slice(cursor, to)), false);
  if (to < source.length) push('…', false);
  return segments;
}

/** The start of a text as one plain segment (a record that matched only in fields not shown). */
export function plainSnippet(source: string, width = 80): SnippetSegment[] {
  const text = flat(source.slice(0, width));
  if (!text) return [];
  return [{ text: source.length > width ? `${text}…` : text, hit: false }];
}
