import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Node as PmNode } from '@tiptap/pm/model';
import { seededRandom } from '../testing/seeded-random';
import { parseSuggestionId } from '../records/suggestion-id';
import { editorSchema } from './extensions';
import { HeadlessEditor } from './headless';
import { ledgerMismatches } from './testing/ledger-mismatches';
import { decodeEntry, encodeEntry, ledgerOf, setRanges, toRanges, type LedgerEntry } from './ledger-entry';
import { attachSuggestionLedger } from './suggestion-ledger';

/**
 * The 修订 ledger under seeded random concurrency, without a network: three replicas edit one
 * paragraph in 修订 and free mode and exchange updates in random pairs at random moments. After
 * every step each replica shows the marks its ledger wants; at the end all replicas are equal, and
 * every token suggested or struck in 修订 (and still there) carries its maker's mark — what Yjs
 * formatting alone does not keep (known-limits.test.ts) — no character is there twice (two people
 * splitting one paragraph at once each copy its tail) and none deleted is back (deleted from a
 * tail a colleague split meanwhile). Every character typed is unique, so a
 * token's text is its identity (the binding writes edits as text diffs, which would otherwise
 * re-use an equal neighbour).
 */
const LOGINS = ['wang', 'li', 'zhao'];
const token = (step: number): string => String.fromCodePoint(0x4e00 + step * 3, 0x4e01 + step * 3, 0x4e02 + step * 3);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

interface Char {
  ch: string;
  pos: number;
  marks: Map<string, string>;
}

function chars(doc: PmNode): Char[] {
  const out: Char[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const marks = new Map(node.marks.filter((m) => m.type.name !== 'bold').map((m) => [m.type.name, parseSuggestionId(m.attrs.id)?.author.login ?? '?']));
    [...node.text!].forEach((ch, i) => out.push({ ch, pos: pos + i, marks }));
    return false;
  });
  return out;
}

/** The token's characters when they stand together, else null. */
function find(cs: Char[], t: string): Char[] | null {
  const at = cs.map((c) => c.ch).join('').indexOf(t);
  if (at < 0) return null;
  const span = cs.slice(at, at + t.length);
  return span.every((c, i) => i === 0 || c.pos === span[i - 1]!.pos + 1) ? span : null;
}

export function runLedgerFuzz(seed: number, steps: number): { checked: number; lost: string[]; equal: boolean } {
  const rand = seededRandom(seed);
  // Fixed client ids: Yjs orders concurrent insertions by client id, so random ones would not replay.
  const docs = LOGINS.map((_, i) => {
    const d = new Y.Doc();
    d.clientID = 1001 + i;
    return d;
  });
  const s = editorSchema();
  const eds = docs.map((d, i) => new HeadlessEditor(d, { author: { login: LOGINS[i]!, name: LOGINS[i]! }, random: seededRandom(seed * 13 + i) }));
  eds[0]!.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text(token(0)))));
  docs.slice(1).forEach((d) => sync(docs[0]!, d));
  const typed: string[] = [token(0)];
  /** character → who made a mark of this kind on it */
  const made = { insertion: new Map<string, Set<string>>(), deletion: new Map<string, Set<string>>() };
  const deleted = new Set<string>();
  // What the maker sees as theirs right after the edit, character by character: striking one's own
  // suggestion, or a colleague's, removes it rather than striking it (the plugin's rule).
  const note = (kind: 'insertion' | 'deletion', t: string, who: number) => {
    for (const c of chars(eds[who]!.current().doc)) if (t.includes(c.ch) && c.marks.get(kind) === LOGINS[who]) made[kind].set(c.ch, (made[kind].get(c.ch) ?? new Set()).add(LOGINS[who]!));
  };
  for (let step = 1; step <= steps; step++) {
    for (const d of docs) {
      const bad = ledgerMismatches(d);
      if (bad.length > 0) throw new Error(`LEDGER_SEED=${seed} step ${step}: replica ${d.clientID} shows other marks than its ledger wants: ${bad.join(', ')}`);
    }
    const who = Math.floor(rand() * 3);
    const ed = eds[who]!;
    const cs = chars(ed.current().doc);
    const r = rand();
    if (r < 0.45) {
      const at = cs.length === 0 ? 1 : rand() < 0.2 ? cs[cs.length - 1]!.pos + 1 : cs[Math.floor(rand() * cs.length)]!.pos;
      const t = token(step);
      typed.push(t);
      ed.edit((tr) => tr.insert(at, s.text(t)));
      if (ed.suggest) note('insertion', t, who);
    } else if (r < 0.7) {
      const whole = typed.map((t) => ({ t, span: find(cs, t) })).filter((x) => x.span && x.span.every((c) => !c.marks.has('deletion')));
      const victim = whole[Math.floor(rand() * whole.length)];
      if (!victim) continue;
      ed.edit((tr) => tr.delete(victim.span![0]!.pos, victim.span![victim.span!.length - 1]!.pos + 1));
      if (ed.suggest) note('deletion', victim.t, who);
      // What left the deleter's view (deleted outright, not struck) must not come back.
      const after = new Set(chars(ed.current().doc).map((c) => c.ch));
      for (const ch of victim.t) if (!after.has(ch)) deleted.add(ch);
    } else if (r < 0.8 && !ed.suggest && cs.length > 0) {
      const from = cs[Math.floor(rand() * cs.length)]!.pos;
      ed.edit((tr) => tr.addMark(from, from + 1, s.marks.bold!.create()));
    } else if (r < 0.84 && !ed.suggest && cs.length > 0) {
      // A paragraph split, by anyone, so two may split one paragraph at once (the binding writes a
      // split as the tail deleted and copied into a new paragraph).
      const at = cs[Math.floor(rand() * cs.length)]!.pos;
      ed.edit((tr) => tr.split(at));
    } else if (r < 0.9) {
      const a = Math.floor(rand() * 3);
      sync(docs[a]!, docs[(a + 1 + Math.floor(rand() * 2)) % 3]!);
    } else {
      ed.suggest = !ed.suggest;
    }
  }
  for (let round = 0; round < 4; round++) for (const [a, b] of [[0, 1], [1, 2], [0, 2]] as const) sync(docs[a]!, docs[b]!);
  const views = eds.map((e) => JSON.stringify(e.current().doc.toJSON()));
  const final = chars(eds[0]!.current().doc);
  const lost: string[] = [];
  const seen = new Set<string>();
  for (const c of final) {
    if (seen.has(c.ch)) lost.push(`${c.ch} twice`);
    if (deleted.has(c.ch)) lost.push(`${c.ch} deleted, and back`);
    seen.add(c.ch);
  }
  let checked = 0;
  for (const kind of ['insertion', 'deletion'] as const) {
    for (const [ch, makers] of made[kind]) {
      const c = final.find((x) => x.ch === ch);
      if (!c) continue;
      checked++;
      // A suggested insertion a colleague struck shows as struck (the two marks exclude each other).
      if (kind === 'insertion' && c.marks.has('deletion')) continue;
      if (!makers.has(c.marks.get(kind) ?? '')) lost.push(`${kind} of ${ch} by ${[...makers].join('/')}: has ${[...c.marks].map(([k, v]) => `${k}=${v}`).join(' ') || 'none'}`);
    }
  }
  eds.forEach((e) => e.destroy());
  return { checked, lost, equal: views.every((v) => v === views[0]) };
}

describe('修订 ledger: seeded concurrent suggestions keep their marks and authors', () => {
  const seeds = process.env.LEDGER_SEED ? [Number(process.env.LEDGER_SEED)] : Array.from({ length: Number(process.env.LEDGER_SEEDS ?? 40) }, (_, i) => i + 1);
  const steps = Number(process.env.LEDGER_STEPS ?? 150);
  for (const seed of seeds) {
    it(`LEDGER_SEED=${seed}`, () => {
      console.log(`suggestion ledger fuzz: LEDGER_SEED=${seed}`);
      const { checked, lost, equal } = runLedgerFuzz(seed, steps);
      expect(equal, `LEDGER_SEED=${seed}: replicas equal`).toBe(true);
      expect(lost, `LEDGER_SEED=${seed}: of ${checked}`).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('修订 ledger: entries from colleagues are checked', () => {
  it('an oversized or malformed entry is ignored, and the marks the ledger wants stay', () => {
    const s = editorSchema();
    const doc = new Y.Doc();
    const wang = new HeadlessEditor(doc, { author: { login: 'wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文'))));
    wang.suggest = true;
    wang.edit((tr) => tr.insert(2, s.text('甲乙')));
    const marked = () => chars(wang.current().doc).map((c) => `${c.ch}${c.marks.get('insertion') ?? '-'}`);
    expect(marked()).toEqual(['原-', '甲wang', '乙wang', '文-']);
    // A colleague's replica (another Y.Doc) writes entries meant to stall or confuse: a billion
    // characters, a removal list of a million tags, a value of the wrong shape.
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(doc));
    const id = [doc.clientID, 0, 1_000_000_000];
    const ours = [...ledgerOf(doc).values()].map(decodeEntry).find((e) => e?.k === 'insertion') as { r: number[] };
    hostile.transact(() => {
      ledgerOf(hostile).set('x:1', encodeEntry({ k: 'insertion', v: null, u: [], r: id }));
      ledgerOf(hostile).set('x:2', encodeEntry({ k: 'insertion', v: null, u: Array.from({ length: 1_000_000 }, (_, i) => `t${i}`), r: ours.r }));
      ledgerOf(hostile).set('x:3', encodeEntry({ k: 'insertion', v: 'struck' as never, u: [], r: ours.r }));
      ledgerOf(hostile).set('x:4', 'not an entry');
      ledgerOf(hostile).set('x:5', { k: 'insertion', v: null, u: [], r: ours.r });
    });
    const started = performance.now();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(hostile, Y.encodeStateVector(doc)));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(marked()).toEqual(['原-', '甲wang', '乙wang', '文-']);
    expect(ledgerMismatches(doc)).toEqual([]);
    wang.destroy();
  });
});

describe('修订 ledger: rejecting one of two strikes made at once', () => {
  it('shows the other, after the edit when the replica defers its own repairs (as the renderer does)', () => {
    const s = editorSchema();
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const deferred: Array<() => void> = [];
    const detach = attachSuggestionLedger(d1, { deferOwn: (run) => deferred.push(run) });
    const wang = new HeadlessEditor(d1, { author: { login: 'wang', name: '王科长' }, ledger: false });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文内容'))));
    sync(d1, d2);
    const li = new HeadlessEditor(d2, { author: { login: 'li', name: '李干事' } });
    deferred.splice(0).forEach((run) => run());
    wang.suggest = true;
    li.suggest = true;
    wang.edit((tr) => tr.delete(1, 3));
    li.edit((tr) => tr.delete(1, 3));
    deferred.splice(0).forEach((run) => run());
    sync(d1, d2);
    sync(d1, d2);
    const struck = (e: HeadlessEditor) => chars(e.current().doc).filter((c) => c.marks.has('deletion')).map((c) => `${c.ch}${c.marks.get('deletion')}`);
    const shown = struck(wang)[0]!.slice(1);
    expect(struck(wang)).toEqual([`原${shown}`, `文${shown}`]);
    // The strike shown is rejected (its mark taken off, as the 修订 panel does): the other stands.
    wang.suggest = false;
    wang.edit((tr) => tr.removeMark(1, 3, s.marks.deletion!));
    expect(ledgerMismatches(d1)).not.toEqual([]);
    expect(deferred).toHaveLength(1);
    deferred.splice(0).forEach((run) => run());
    expect(ledgerMismatches(d1)).toEqual([]);
    const other = shown === 'wang' ? 'li' : 'wang';
    expect(struck(wang)).toEqual([`原${other}`, `文${other}`]);
    sync(d1, d2);
    expect(struck(li)).toEqual(struck(wang));
    detach();
    wang.destroy();
    li.destroy();
  });
});

describe('修订 ledger entries as stored', () => {
  it('encode and decode each kind alike; anything else decodes to null', () => {
    const id = 's1|abcdefgh|1714521600000|wang|王科长';
    const entries: LedgerEntry[] = [
      { k: 'insertion', v: { id }, u: [], r: [1234567890, 0, 2, 7, 5, 1] },
      { k: 'deletion', v: null, u: ['1234567890:42', '7:3'], r: [7, 9, 3] },
      { k: 'copy', r: [7, 20, 2], s: [1234567890, 0, 2] },
      { k: 'known', c: 4294967295, since: 0 },
    ];
    for (const e of entries) expect(decodeEntry(encodeEntry(e))).toEqual(e);
    // A copy pairs characters in order: its ranges keep it (a set's are sorted).
    expect(toRanges([[5, 18], [5, 19], [5, 20], [5, 17]])).toEqual([5, 18, 3, 5, 17, 1]);
    expect(setRanges([[5, 18], [5, 19], [5, 20], [5, 17]])).toEqual([5, 17, 4]);
    for (const bad of [null, 3, { k: 'insertion', v: null, u: [], r: [] }, '', 'i\u0001{\u0001\u00011,2,3', 'x\u0001\u0001', 'c\u00011,2\u00013,4,5', 'i\u0001\u0001\u0001zzzzzzzzzzzz,0,1']) expect(decodeEntry(bad)).toBeNull();
  });
});
