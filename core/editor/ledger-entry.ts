import type * as Y from 'yjs';
import { z } from 'zod';

/**
 * The 修订 ledger's data (suggestion-ledger.ts says why it exists): which suggestion marks each
 * character of the body should carry, by the character's Yjs id, so concurrent edits cannot lose
 * or move them. An entry's key is unique (writer's client id and clock) and only its writer
 * changes it (to extend it with more characters in the same session), which makes the ledger a
 * Y.Map that merges by union.
 *
 * Entry `{k, v, u, r}`: for the characters of `r` (flat triples client, clock, length), formatting
 * key `k` drops the entries named in `u` (the ones its writer saw there) and, when `v` is not
 * null, gains this entry with value `v`. A character's wanted value is the value of the entries
 * left (an observed-remove set: a concurrent addition survives a removal that did not see it).
 */
export const SUGGESTION_KEYS = ['insertion', 'deletion', 'modification'] as const;
export type SuggestionKey = (typeof SUGGESTION_KEYS)[number];
export type Attrs = Record<string, unknown>;

/**
 * Ledger entries arrive from colleagues: bounded so that one cannot make every replica walk a
 * billion characters (a whole 50-page body is under 100,000).
 */
export const MAX_ENTRY_CHARS = 200_000;
const Ranges = z
  .array(z.number().int().nonnegative())
  .max(3 * MAX_ENTRY_CHARS)
  .refine((r) => r.length % 3 === 0, 'ranges are triples')
  .refine((r) => r.reduce((sum, n, i) => (i % 3 === 2 ? sum + n : sum), 0) <= MAX_ENTRY_CHARS, 'too many characters');

export const MarkEntry = z.object({ k: z.enum(SUGGESTION_KEYS), v: z.record(z.string(), z.unknown()).nullable(), u: z.array(z.string().max(64)).max(10_000), r: Ranges });
/**
 * `r`'s characters are copies of `s`'s, in order (one edit deleted `s` and wrote the same text
 * anew: the binding writes a paragraph split or join that way). Marks set on the originals by
 * someone who had not seen the copy apply to the copy.
 */
export const CopyEntry = z.object({ k: z.literal('copy'), r: Ranges, s: Ranges });
/**
 * From clock `since` on, the characters client `c` writes are known to the ledger: without an entry
 * they want no 修订 mark (so a colleague's mark that Yjs stretches over them is taken off).
 */
export const KnownEntry = z.object({ k: z.literal('known'), c: z.number().int().nonnegative(), since: z.number().int().nonnegative() });
/**
 * Characters a person deleted (not moved): a copy of them that someone made at the same time (a
 * paragraph split of the text they were deleting from) goes too.
 */
export const GoneEntry = z.object({ k: z.literal('gone'), r: Ranges });
export const LedgerEntry = z.union([MarkEntry, CopyEntry, KnownEntry, GoneEntry]);
export type MarkEntry = z.infer<typeof MarkEntry>;
export type CopyEntry = z.infer<typeof CopyEntry>;
export type KnownEntry = z.infer<typeof KnownEntry>;
export type GoneEntry = z.infer<typeof GoneEntry>;
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const ledgerOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('suggestionLedger');

/*
 * Stored as one compact string each, not a Yjs object: every reader of the record's state (the
 * 花脸稿 decodes two step snapshots) decodes the ledger too, and a string decodes several times
 * faster. Fields are joined by U+0001, which JSON never leaves raw; numbers are base 36.
 */
const SEP = '\u0001';
const KIND_CODE: Record<SuggestionKey, string> = { insertion: 'i', deletion: 'd', modification: 'm' };
const CODE_KIND = Object.fromEntries(Object.entries(KIND_CODE).map(([k, c]) => [c, k])) as Record<string, SuggestionKey>;
const nums = (r: number[]) => r.map((n) => n.toString(36)).join(',');
const parseNums = (s: string) => (s === '' ? [] : s.split(',').map((n) => (/^[0-9a-z]{1,11}$/.test(n) ? parseInt(n, 36) : NaN)));
/** Longer than any entry the bounds below allow. */
const MAX_ENCODED = 8 * 1024 * 1024;

export function encodeEntry(e: LedgerEntry): string {
  if (e.k === 'known') return ['n', e.c.toString(36), e.since.toString(36)].join(SEP);
  if (e.k === 'copy') return ['c', nums(e.r), nums(e.s)].join(SEP);
  if (e.k === 'gone') return ['g', nums(e.r)].join(SEP);
  return [KIND_CODE[e.k], e.v === null ? '' : JSON.stringify(e.v), e.u.join(','), nums(e.r)].join(SEP);
}

/** A stored entry, checked (bounds included); null when it is not one. */
export function decodeEntry(raw: unknown): LedgerEntry | null {
  if (typeof raw !== 'string' || raw.length > MAX_ENCODED) return null;
  const f = raw.split(SEP);
  let candidate: unknown;
  try {
    if (f[0] === 'n' && f.length === 3) candidate = { k: 'known', c: parseInt(f[1]!, 36), since: parseInt(f[2]!, 36) };
    else if (f[0] === 'c' && f.length === 3) candidate = { k: 'copy', r: parseNums(f[1]!), s: parseNums(f[2]!) };
    else if (f[0] === 'g' && f.length === 2) candidate = { k: 'gone', r: parseNums(f[1]!) };
    else if (CODE_KIND[f[0]!] && f.length === 4) candidate = { k: CODE_KIND[f[0]!], v: f[1] === '' ? null : JSON.parse(f[1]!), u: f[2] === '' ? [] : f[2]!.split(','), r: parseNums(f[3]!) };
    else return null;
  } catch {
    return null;
  }
  const e = LedgerEntry.safeParse(candidate);
  return e.success ? e.data : null;
}

export const charId = (client: number, clock: number): string => `${client}:${clock}`;

/** Every character of flat ranges, as [client, clock]. */
export function* rangeChars(r: number[]): Generator<[number, number]> {
  for (let i = 0; i < r.length; i += 3) for (let n = 0; n < r[i + 2]!; n++) yield [r[i]!, r[i + 1]! + n];
}

/** Flat triples for a set of characters (sorted first, so the fewest ranges; a copy's order matters, a set's not). */
export const setRanges = (chars: Array<[number, number]>): number[] => toRanges([...chars].sort((a, b) => a[0] - b[0] || a[1] - b[1]));

/** Every character an entry covers (a copy: the copies and their originals), as [client, clock]. */
export function* entryChars(e: LedgerEntry): Generator<[number, number]> {
  if (e.k === 'known') return;
  yield* rangeChars(e.r);
  if (e.k === 'copy') yield* rangeChars(e.s);
}

/** Flat triples for a list of [client, clock] characters, in their order (consecutive clocks joined). */
export function toRanges(chars: Array<[number, number]>): number[] {
  const out: number[] = [];
  for (const [client, clock] of chars) {
    const n = out.length;
    if (n > 0 && out[n - 3] === client && out[n - 2]! + out[n - 1]! === clock) out[n - 1]! += 1;
    else out.push(client, clock, 1);
  }
  return out;
}

/** Stable text of a formatting value, for equality and ordering. */
export function valueKey(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object') return JSON.stringify(v);
  // Formatting values and entries are not mutated once made: their text is computed once.
  const cached = keys.get(v);
  if (cached !== undefined) return cached;
  const o = v as Attrs;
  const key = `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${valueKey(o[k])}`)
    .join(',')}}`;
  keys.set(v, key);
  return key;
}
const keys = new WeakMap<object, string>();
