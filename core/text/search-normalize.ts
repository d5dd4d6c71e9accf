/**
 * Search normalisation: NFKC + lowercase, so that fullwidth digits and letters (６００, ＩＰｖ６)
 * match their halfwidth forms and case never matters. (core/text/normalize.ts is the narrower
 * digits-only rule used for document codes and unit names.)
 *
 * The index, the query and the snippet builder must normalise identically, so all three go
 * through the same code. It works per cluster (a character plus its combining marks) instead of
 * on the whole string so that every normalised position can be mapped back to the original
 * text; NFKC can change lengths (㈠ → (一), ﬁ → fi), so highlights need the map.
 */

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text`: start of the original cluster it came from. */
  start: Int32Array;
  /** For each UTF-16 unit of `text`: end (exclusive) of the original cluster it came from. */
  end: Int32Array;
}

const COMBINING = /\p{M}/u;

/**
 * Characters that NFKC and lowercase leave alone apart from ASCII case: printable ASCII and the
 * CJK Unified Ideographs blocks (Ext A + basic). Government text is almost all of these, so the
 * slow per-cluster path only runs for punctuation, fullwidth forms and other scripts.
 */
function isStable(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || (code >= 0x3400 && code <= 0x9fff);
}

/** End (exclusive) of the cluster starting at `i`: the code point plus following combining marks. */
function clusterEnd(source: string, i: number): number {
  const first = source.codePointAt(i) ?? 0;
  let j = i + (first > 0xffff ? 2 : 1);
  while (j < source.length) {
    const ch = String.fromCodePoint(source.codePointAt(j) ?? 0);
    if (!COMBINING.test(ch)) break;
    j += ch.length;
  }
  return j;
}

/** True when a combining mark follows position `i`, so the character there is not a cluster on its own. */
function markFollows(source: string, i: number): boolean {
  if (i + 1 >= source.length) return false;
  const next = source.charCodeAt(i + 1);
  return !isStable(next) && COMBINING.test(String.fromCodePoint(source.codePointAt(i + 1) ?? 0));
}

function run(source: string, withMap: boolean): NormalizedText | string {
  const parts: string[] = [];
  // Positions are only collected when a caller needs them (snippets); indexing skips them.
  const starts: number[] = [];
  const ends: number[] = [];
  let stableFrom = 0;
  const flushStable = (to: number) => {
    if (to <= stableFrom) return;
    // Only ASCII letters change here, and toLowerCase keeps their length.
    parts.push(source.slice(stableFrom, to).toLowerCase());
    if (withMap) {
      for (let k = stableFrom; k < to; k += 1) {
        starts.push(k);
        ends.push(k + 1);
      }
    }
  };
  let i = 0;
  while (i < source.length) {
    if (isStable(source.charCodeAt(i)) && !markFollows(source, i)) {
      i += 1;
      continue;
    }
    flushStable(i);
    const j = clusterEnd(source, i);
    const normalized = source.slice(i, j).normalize('NFKC').toLowerCase();
    parts.push(normalized);
    if (withMap) {
      for (let k = 0; k < normalized.length; k += 1) {
        starts.push(i);
        ends.push(j);
      }
    }
    i = j;
    stableFrom = j;
  }
  flushStable(source.length);
  const text = parts.join('');
  if (!withMap) return text;
  return { text, start: Int32Array.from(starts), end: Int32Array.from(ends) };
}

/** Normalised text for indexing and querying. */
export function normalizeForSearch(source: string): string {
  return run(source, false) as string;
}

/** Normalised text plus the map back to `source`, for highlighting. */
export function normalizeMapped(source: string): NormalizedText {
  return run(source, true) as NormalizedText;
}
