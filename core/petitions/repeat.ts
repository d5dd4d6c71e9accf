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

function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, 0x01000193) >>> 0;
    keys.push(`${b}:${h}`);
  }
  return keys;
}

interface Entry {
  doc: RepeatDoc;
  set: Uint32Array;
}

export class RepeatIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly buckets = new Map<string, string[]>();
  private readonly persons = new Map<string, string[]>();

  get size(): number {
    return this.entries.size;
  }

  add(doc: RepeatDoc): void {
    const set = shingleSet(doc.text);
    this.entries.set(doc.id, { doc, set });
    for (const key of bandKeys(signature(set))) push(this.buckets, key, doc.id);
    for (const t of doc.personTokens ?? []) if (t) push(this.persons, t, doc.id);
  }

  /** Matches of a new case, strongest first (same person, then by similarity). */
  find(doc: Omit<RepeatDoc, 'id' | 'kind'> & { id?: string }, limit = 10): RepeatMatch[] {
    const set = shingleSet(doc.text);
    const candidates = new Set<string>();
    for (const key of bandKeys(signature(set))) for (const id of this.buckets.get(key) ?? []) candidates.add(id);
    const samePerson = new Set<string>();
    for (const t of doc.personTokens ?? []) for (const id of this.persons.get(t) ?? []) samePerson.add(id);
    const out: RepeatMatch[] = [];
    for (const id of new Set([...candidates, ...samePerson])) {
      if (id === doc.id) continue;
      const e = this.entries.get(id)!;
      const similarity = jaccard(set, e.set);
      const person = samePerson.has(id);
      if (!person && similarity < MATTER_THRESHOLD) continue;
      const reasons: string[] = [];
      if (person) reasons.push('同一信访人(身份证号或电话一致)');
      if (similarity >= MATTER_THRESHOLD) reasons.push(`事项内容相似(相似度${Math.round(similarity * 100)}%)`);
      if (e.doc.final && similarity >= MATTER_THRESHOLD) reasons.push('该事项已经复核,同一事实和理由不再受理');
      out.push({ id, kind: e.doc.kind, samePerson: person, similarity, reasons, final: !!e.doc.final });
    }
    return out.sort((a, b) => Number(b.samePerson) - Number(a.samePerson) || b.similarity - a.similarity).slice(0, limit);
  }
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
