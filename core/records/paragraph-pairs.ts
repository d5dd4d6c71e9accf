import diff from 'fast-diff';

/**
 * Which paragraphs of a changed run were edited in place rather than deleted and inserted.
 * An edit in place keeps a colleague's concurrent edits of that paragraph; a deletion drops them.
 * So an old paragraph pairs with a new one when at least half of it survives there (a paragraph
 * that was extended or corrected is the same paragraph; one rewritten from scratch is not), and a run
 * of one old and one new paragraph always pairs (the usual "I edited this paragraph"), and so
 * does a blank one.
 */

/** Runs larger than this many (old × new) comparisons pair in order instead of by similarity. */
const MAX_CELLS = 256;

/** Monotone [oldIndex, newIndex] pairs, ascending. */
export function pairParagraphs(olds: string[], news: string[]): Array<readonly [number, number]> {
  if (olds.length === 0 || news.length === 0) return [];
  if (olds.length === 1 && news.length === 1) return [[0, 0]];
  if (olds.length * news.length > MAX_CELLS) {
    const pairs: Array<readonly [number, number]> = [];
    for (let i = 0; i < Math.min(olds.length, news.length); i++) if (weight(olds[i]!, news[i]!) > 0) pairs.push([i, i]);
    return pairs;
  }
  // Longest weighted alignment: best[i][j] over the first i old and j new paragraphs.
  const best = Array.from({ length: olds.length + 1 }, () => new Array<number>(news.length + 1).fill(0));
  const w = olds.map((o) => news.map((n) => weight(o, n)));
  for (let i = 1; i <= olds.length; i++) {
    for (let j = 1; j <= news.length; j++) {
      const pair = w[i - 1]![j - 1]! > 0 ? best[i - 1]![j - 1]! + w[i - 1]![j - 1]! : 0;
      best[i]![j] = Math.max(best[i - 1]![j]!, best[i]![j - 1]!, pair);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  for (let i = olds.length, j = news.length; i > 0 && j > 0; ) {
    if (best[i]![j] === best[i - 1]![j]) i--;
    else if (best[i]![j] === best[i]![j - 1]) j--;
    else {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    }
  }
  return pairs.reverse();
}

/**
 * Characters of a kept in b plus one, when at least half of a is kept; else 0 (no pair).
 * (A blank paragraph thus pairs with anything: filling it in is an edit of it.)
 */
function weight(a: string, b: string): number {
  let kept = 0;
  for (const [op, chars] of diff(a, b)) if (op === diff.EQUAL) kept += chars.length;
  return kept * 2 >= a.length ? kept + 1 : 0;
}
