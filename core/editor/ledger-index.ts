import * as Y from 'yjs';
import { z } from 'zod';

/**
 * The 修订 ledger's data (suggestion-ledger.ts says why it exists): which suggestion marks each
 * character of the body should carry, by the character's Yjs id, so concurrent edits cannot lose
 * or move them. An entry is written once and never changed; its key is unique (writer's client id
 * and clock), which makes the ledger a Y.Map that merges by union.
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
export const LedgerEntry = z.union([MarkEntry, CopyEntry, KnownEntry]);
export type MarkEntry = z.infer<typeof MarkEntry>;
export type CopyEntry = z.infer<typeof CopyEntry>;
export type KnownEntry = z.infer<typeof KnownEntry>;
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

/** Every character an entry covers (a copy: the copies and their originals), as [client, clock]. */
export function* entryChars(e: LedgerEntry): Generator<[number, number]> {
  if (e.k === 'known') return;
  yield* rangeChars(e.r);
  if (e.k === 'copy') yield* rangeChars(e.s);
}

/** Flat triples for a list of [client, clock] characters (consecutive clocks joined). */
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

/** The ledger, indexed by character: what each entry added and which entries were dropped where. */
export class LedgerIndex {
  private readonly knownSince = new Map<number, number>();
  /** Every character some mark or copy entry names: client → clocks. */
  private readonly named = new Map<number, Set<number>>();
  private readonly adds = new Map<SuggestionKey, Map<string, Map<string, Attrs>>>();
  private readonly drops = new Map<SuggestionKey, Map<string, Set<string>>>();
  /** copy → original, and original → copies */
  private readonly copyOf = new Map<string, string>();
  private readonly copiesOf = new Map<string, Set<string>>();

  constructor() {
    for (const k of SUGGESTION_KEYS) {
      this.adds.set(k, new Map());
      this.drops.set(k, new Map());
    }
  }

  /** Indexes entry `tag` (again, when its writer extended it: indexing is idempotent). */
  add(tag: string, e: LedgerEntry): void {
    if (e.k === 'known') {
      this.knownSince.set(e.c, Math.min(e.since, this.knownSince.get(e.c) ?? Infinity));
      return;
    }
    if (e.k === 'copy') {
      const from = [...rangeChars(e.s)];
      [...rangeChars(e.r)].forEach(([client, clock], i) => {
        const src = from[i];
        if (!src) return;
        const [id, orig] = [charId(client, clock), charId(src[0], src[1])];
        this.name(client, clock);
        this.copyOf.set(id, orig);
        this.copiesOf.set(orig, (this.copiesOf.get(orig) ?? new Set()).add(id));
      });
      return;
    }
    const adds = this.adds.get(e.k)!;
    const drops = this.drops.get(e.k)!;
    for (const [client, clock] of entryChars(e)) {
      const id = charId(client, clock);
      this.name(client, clock);
      if (e.u.length > 0) {
        const set = drops.get(id) ?? new Set<string>();
        for (const t of e.u) set.add(t);
        drops.set(id, set);
      }
      if (e.v) {
        const map = adds.get(id) ?? new Map<string, Attrs>();
        map.set(tag, e.v);
        adds.set(id, map);
      }
    }
  }

  private name(client: number, clock: number): void {
    const set = this.named.get(client) ?? new Set<number>();
    set.add(clock);
    this.named.set(client, set);
  }

  /** Whether any entry names the character (if not, it wants no mark, or is not the ledger's). */
  names(client: number, clock: number): boolean {
    return this.named.get(client)?.has(clock) ?? false;
  }

  /**
   * The characters that are one with `id` through copies (a copy and its original, transitively):
   * the same character of the text, moved. Each copy's original was deleted by the edit that made
   * it, so at most one stays, unless two people moved it at once (then dedupe keeps one).
   */
  members(id: string): string[] {
    if (!this.copyOf.has(id) && !this.copiesOf.has(id)) return [id];
    const seen = new Set<string>([id]);
    const queue = [id];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const other of [this.copyOf.get(next), ...(this.copiesOf.get(next) ?? [])]) {
        if (other === undefined || seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return [...seen];
  }

  /** The other characters `id` is one with through copies (their marks follow each other's entries). */
  copies(id: string): string[] {
    return this.members(id).filter((m) => m !== id);
  }

  /**
   * The entries still in force on a character for `k` (its own and those of the characters it is
   * one with through copies), or undefined when the ledger never named any of them.
   */
  live(k: SuggestionKey, id: string): Map<string, Attrs> | undefined {
    const addsOf = this.adds.get(k)!;
    const dropsOf = this.drops.get(k)!;
    const members = this.members(id);
    const adds = members.map((m) => addsOf.get(m)).filter((x) => x !== undefined);
    const drops = members.map((m) => dropsOf.get(m)).filter((x) => x !== undefined);
    if (adds.length === 0 && drops.length === 0) {
      const [client, clock] = id.split(':').map(Number) as [number, number];
      return clock >= (this.knownSince.get(client) ?? Infinity) ? new Map() : undefined;
    }
    const out = new Map<string, Attrs>();
    for (const source of adds) for (const [tag, v] of source) if (!drops.some((d) => d.has(tag))) out.set(tag, v);
    return out;
  }

  /** Originals copied more than once (two people may have moved the same text at once). */
  copiedTwice(): string[] {
    return [...this.copiesOf].filter(([, set]) => set.size > 1).map(([orig]) => orig);
  }

  /**
   * The value a character should show for `k`: undefined (not in the ledger: left as Yjs has it),
   * null (no entry in force), or the value of the entry in force. Concurrent entries on one
   * character (two reviewers striking it at once) show one, the same on every replica.
   */
  wanted(k: SuggestionKey, id: string): Attrs | null | undefined {
    const live = this.live(k, id);
    if (!live) return undefined;
    let best: { key: string; v: Attrs } | null = null;
    for (const v of live.values()) {
      const key = valueKey(v);
      if (!best || key < best.key) best = { key, v };
    }
    return best ? best.v : null;
  }
}

/** Stronger first: the suggest-changes marks exclude one another, and a strike shows over the rest. */
const PRECEDENCE: SuggestionKey[] = ['deletion', 'insertion', 'modification'];

/**
 * What a character shows for each key: what the ledger wants, except that a stronger 修订 mark
 * wanted there hides the others (the editor's schema lets a character carry only one), so Yjs
 * never holds two. Undefined: not the ledger's character (left as Yjs has it).
 */
export function shownAll(index: LedgerIndex, id: string): Record<SuggestionKey, Attrs | null | undefined> {
  const out = {} as Record<SuggestionKey, Attrs | null | undefined>;
  let stronger = false;
  for (const k of PRECEDENCE) {
    const w = index.wanted(k, id);
    out[k] = stronger ? null : w;
    if (w) stronger = true;
  }
  return out;
}

/**
 * Each live character (or inline embed) of a text with its index and the formatting in force
 * there; with `visible`, as of another view (the text before a transaction).
 */
export function scanText(text: Y.XmlText, visit: (id: string, index: number, current: Map<string, unknown>) => void, visible: (item: Y.Item) => boolean = (item) => !item.deleted): void {
  scanChars(text, (client, clock, index, current) => visit(charId(client, clock), index, current), visible);
}

/** scanText without making each character's id string (for a whole body). */
export function scanChars(text: Y.XmlText, visit: (client: number, clock: number, index: number, current: Map<string, unknown>) => void, visible: (item: Y.Item) => boolean = (item) => !item.deleted): void {
  const current = new Map<string, unknown>();
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (!visible(item)) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) current.delete(content.key);
      else current.set(content.key, content.value);
    } else if (item.countable) {
      for (let i = 0; i < item.length; i++) visit(item.id.client, item.id.clock + i, index + i, current);
      index += item.length;
    }
  }
}

/** The live text a character lies in, or null (not here yet, deleted, or not text). */
export function textOfChar(doc: Y.Doc, client: number, clock: number): Y.XmlText | null {
  const structs = doc.store.clients.get(client);
  if (!structs || Y.getState(doc.store, client) <= clock) return null;
  const s = structs[Y.findIndexSS(structs, clock)];
  return s instanceof Y.Item && !s.deleted && s.parent instanceof Y.XmlText ? s.parent : null;
}
