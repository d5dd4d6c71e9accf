import { seededRandom } from '../../testing/seeded-random';

/**
 * Two offices' offline edits of one 正文, generated from a seed, and the body both must end with
 * (for the convergence tests in core/records and tests/sync). Paragraph s is edited by both (A
 * left of the separator, B right of it), a by A only, b by B only; B deletes paragraph y; A
 * inserts a new paragraph after x (-1: at the start), which may be any of them.
 */

/** Text never contains the separator '，' so no edit can slide across it. Emoji test surrogate pairs. */
const ALPHABET = Array.from('督办事项交办签收反馈办结销号进展情况报送材料单位责任牵头完成时限工作要点😀😁👍𠀀');
const SEP = '，';

export interface BodyEditPlan {
  base: string;
  aText: string;
  bText: string;
  expected: string;
  /** A's new paragraph, which must appear exactly once. */
  inserted: string;
}

export function bodyEditPlan(seed: number): BodyEditPlan {
  const rand = seededRandom(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const word = (min: number, max: number) => Array.from({ length: min + pick(max - min + 1) }, () => ALPHABET[pick(ALPHABET.length)]!);
  /** Replaces up to 3 characters of `chars` at a random place by up to 10 new ones (never a no-op). */
  const edit = (chars: string[]): string[] => {
    for (;;) {
      const at = pick(chars.length + 1);
      const del = Math.min(chars.length - at, pick(4));
      const ins = word(0, 10);
      const out = [...chars.slice(0, at), ...ins, ...chars.slice(at + del)];
      if (out.join('') !== chars.join('')) return out;
    }
  };
  const count = 5 + pick(6);
  const base = Array.from({ length: count }, () => ({ left: word(6, 12), right: word(6, 12) }));
  const order = [...base.keys()].sort(() => rand() - 0.5);
  const [s, a, b, y] = order as [number, number, number, number];
  const x = pick(count + 1) - 1;
  const inserted = word(8, 14).join('');
  const line = (p: { left: string[]; right: string[] }) => p.left.join('') + SEP + p.right.join('');
  const aView = base.map((p, i) => (i === s ? { ...p, left: edit(p.left) } : i === a ? { left: edit(p.left), right: edit(p.right) } : p));
  const bView = base.map((p, i) => (i === s ? { ...p, right: edit(p.right) } : i === b ? { left: edit(p.left), right: p.right } : p));
  const aLines = aView.map(line);
  aLines.splice(x + 1, 0, inserted);
  const bLines = bView.map(line).filter((_, i) => i !== y);
  const expected: string[] = x === -1 ? [inserted] : [];
  base.forEach((p, i) => {
    const merged = i === s ? { left: aView[i]!.left, right: bView[i]!.right } : i === a ? aView[i]! : i === b ? bView[i]! : p;
    if (i !== y) expected.push(line(merged));
    if (i === x) expected.push(inserted);
  });
  return { base: base.map(line).join('\n'), aText: aLines.join('\n'), bText: bLines.join('\n'), expected: expected.join('\n'), inserted };
}
