import { jaccard, shingleSet } from './shingles';

/**
 * Repeat and duplicate detection at 登记 (MinHash with LSH banding over CJK bigrams):
 * - the same person: any blind-index token (ID number, phone, name+ID) in common — keyed
 *   HMAC-SM3 tokens, never plaintext;
 * - the same matter: similar text across 信访, 12345 and 提案建议 (the corpus is whatever the
 *   caller adds: this branch has no proposal kind yet, so proposals come in as documents too).
 * Candidates from LSH buckets are confirmed by exact Jaccard; every match says why. Nothing is
 * merged: the registrar links or merges with a `link` event.
 */
export interface RepeatDoc {
  id: string;
  /** petition, hotline, proposal … shown in the reason. */
  kind: string;
  text: string;
  /** Blind-index tokens of the ID number and phone of each person. */
  personTokens?: readonly string[];
  /** The matter went through 复核: the same matter on the same facts is not accepted again. */
  final?: boolean;
}

export interface RepeatMatch {
  id: string;
  kind: string;
  samePerson: boolean;
  similarity: number;
  /** Chinese, shown beside the offer to link or merge. */
  reasons: string[];
  /** 复核终结: 同一事实不再受理. */
  final: boolean;
}

const HASHES = 64;
const BANDS = 32;
const ROWS = HASHES / BANDS;
export const MATTER_THRESHOLD = 0.3;

// Fixed odd multipliers and offsets for the hash family (deterministic across replicas).
const A = Uint32Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const B = Uint32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

function signature(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let k = 0; k < HASHES; k++) {
      let h = (Math.imul(x, A[k]!) + B[k]!) >>> 0;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d) >>> 0;
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/** One 32-bit key per band (the band's number mixed in, so bands never collide with each other). */
function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b1) >>> 0;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193) >>> 0;
    keys.push(h);
  }
  return keys;
}

/** The share of equal MinHash values: an unbiased estimate of the Jaccard similarity. */
function estimate(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

interface Entry {
  doc: RepeatDoc;
  set: Uint32Array;
  sig: Uint32Array;
}

/** Candidates whose MinHash estimate is this far below the threshold are not compared exactly. */
const ESTIMATE_SLACK = 0.12;
const CROWDED_BUCKET = 200;

export class RepeatIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private readonly buckets = new Map<number, number[]>();
  private readonly persons = new Map<string, number[]>();
  private readonly removed = new Set<number>();

  get size(): number {
    return this.byId.size;
  }

  add(doc: RepeatDoc): void {
    if (this.byId.has(doc.id)) throw new Error(`重复加入:${doc.id}`);
    const set = shingleSet(doc.text);
    const sig = signature(set);
    const n = this.entries.push({ doc, set, sig }) - 1;
    this.byId.set(doc.id, n);
    for (const key of bandKeys(sig)) push(this.buckets, key, n);
    for (const t of doc.personTokens ?? []) if (t) push(this.persons, t, n);
  }

  /**
   * Whether the matter's 复核 is decided: set when the decision is written after the case was
   * added, cleared when the server refuses that decision. Returns false for an unknown id.
   */
  setFinal(id: string, final: boolean): boolean {
    const n = this.byId.get(id);
    if (n === undefined) return false;
    const e = this.entries[n]!;
    if (!!e.doc.final !== final) e.doc = { ...e.doc, final };
    return true;
  }

  /** The record left this profile: never offered again (its slot stays, empty, in the buckets). */
  remove(id: string): boolean {
    const n = this.byId.get(id);
    if (n === undefined) return false;
    this.byId.delete(id);
    this.removed.add(n);
    return true;
  }

  /** Matches of a new case, strongest first (same person, then by similarity). */
  find(doc: Omit<RepeatDoc, 'id' | 'kind'> & { id?: string }, limit = 10): RepeatMatch[] {
    const set = shingleSet(doc.text);
    const sig = signature(set);
    const samePerson = new Set<number>();
    for (const t of doc.personTokens ?? []) for (const n of this.persons.get(t) ?? []) samePerson.add(n);
    const seen = new Set<number>(samePerson);
    for (const key of bandKeys(sig)) {
      const bucket = this.buckets.get(key) ?? [];
      // A band shared by thousands of cases mostly says "same template": only its newest entries are
      // compared, so the cost stays bounded and a mass complaint (集体访) still finds its latest cases.
      for (let i = Math.max(0, bucket.length - CROWDED_BUCKET); i < bucket.length; i++) seen.add(bucket[i]!);
    }
    const out: RepeatMatch[] = [];
    for (const n of seen) {
      if (this.removed.has(n)) continue;
      const e = this.entries[n]!;
      if (e.doc.id === doc.id) continue;
      const person = samePerson.has(n);
      if (!person && estimate(sig, e.sig) < MATTER_THRESHOLD - ESTIMATE_SLACK) continue;
      const similarity = jaccard(set, e.set);
      if (!person && similarity < MATTER_THRESHOLD) continue;
      const id = e.doc.id;
      const reasons: string[] = [];
      if (person) reasons.push('同一信访人(身份证号或电话一致)');
      if (similarity >= MATTER_THRESHOLD) reasons.push(`事项内容相似(相似度${Math.round(similarity * 100)}%)`);
      if (e.doc.final && similarity >= MATTER_THRESHOLD) reasons.push('该事项已经复核,同一事实和理由不再受理');
      out.push({ id, kind: e.doc.kind, samePerson: person, similarity, reasons, final: !!e.doc.final });
    }
    return out.sort((a, b) => Number(b.samePerson) - Number(a.samePerson) || b.similarity - a.similarity).slice(0, limit);
  }
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
