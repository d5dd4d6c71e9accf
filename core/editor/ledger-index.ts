import type * as Y from 'yjs';
import { readLedger } from './ledger-read';
import { charId, entryChars, rangeChars, valueKey, type Attrs, type LedgerEntry, type SuggestionKey, SUGGESTION_KEYS } from './ledger-entry';

/** The ledger, indexed by character: what each entry added and which entries were dropped where. */
export class LedgerIndex {
  /** The index of a stored ledger (a record's `suggestionLedger` map); entries that do not check out are left out. */
  static of(ledger: Y.Map<unknown>): LedgerIndex {
    const index = new LedgerIndex();
    for (const [tag, e] of readLedger(ledger)) index.add(tag, e);
    return index;
  }

  private readonly knownSince = new Map<number, number>();
  /** Characters a person deleted (not moved). */
  private readonly gone = new Set<string>();
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
    if (e.k === 'gone') {
      for (const [client, clock] of rangeChars(e.r)) this.gone.add(charId(client, clock));
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

  /** Whether a person deleted the character (so its copies go too). */
  isGone(id: string): boolean {
    return this.gone.has(id);
  }

  /** Deleted characters that were copied or are copies (their copies must go too). */
  goneAndCopied(): string[] {
    return [...this.gone].filter((id) => this.isCopied(id));
  }

  /** Whether the character has been copied, or is a copy. */
  isCopied(id: string): boolean {
    return this.copyOf.has(id) || this.copiesOf.has(id);
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
