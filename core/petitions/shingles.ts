import { normalizeDigits } from '../text/normalize';

/**
 * The text features repeat detection compares: CJK character bigrams and ASCII/digit words of
 * the normalised text, hashed to 32 bits (FNV-1a). Punctuation and spaces are dropped, so the
 * same complaint typed with other punctuation gives the same set.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function shingleSet(text: string): Uint32Array {
  const norm = normalizeDigits(text.normalize('NFKC')).toLowerCase();
  const out = new Set<number>();
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.add(fnv1a(run.slice(i, i + 2)));
    if (run.length === 1) out.add(fnv1a(run));
    run = '';
  };
  for (const word of norm.match(/[a-z0-9]{2,}/g) ?? []) out.add(fnv1a(`w:${word}`));
  for (const ch of norm) {
    if (CJK.test(ch)) run += ch;
    else flush();
  }
  flush();
  return Uint32Array.from([...out].sort((a, b) => a - b));
}

/** Exact Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0, j = 0, both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { both++; i++; j++; }
    else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}
