import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText, setBodyText } from './record-doc';
import { bodyEditPlan } from './testing/body-edit-plan';

/**
 * Two offices edit one 正文 offline and then exchange their updates the way the sync server
 * relays them (each replica receives the other's updates in order). Seeded: a failure names its
 * seed, rerun with BODY_MERGE_SEED=<seed> BODY_MERGE_SEEDS=1.
 */

const SEEDS = Number(process.env.BODY_MERGE_SEEDS ?? 200);
const FIRST_SEED = Number(process.env.BODY_MERGE_SEED ?? 1);

/** A replica that records the updates it makes while offline, for the exchange. */
function replica(base: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base, 'server');
  const outbox: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'server') outbox.push(u);
  });
  return { doc, outbox };
}

type Replica = ReturnType<typeof replica>;

/** Two replicas of one body, each edited offline, then their updates exchanged. */
function editOffline(base: string, aText: string, bText: string): { a: Replica; b: Replica } {
  const origin = new Y.Doc();
  setBodyText(origin, base);
  const update = Y.encodeStateAsUpdate(origin);
  const a = replica(update);
  const b = replica(update);
  a.doc.transact(() => setBodyText(a.doc, aText));
  b.doc.transact(() => setBodyText(b.doc, bText));
  exchange(a, b);
  return { a, b };
}

/** Relays each side's offline updates to the other, in order, as the server would. */
function exchange(a: Replica, b: Replica): void {
  const fromA = a.outbox.splice(0);
  const fromB = b.outbox.splice(0);
  for (const u of fromA) Y.applyUpdate(b.doc, u, 'server');
  for (const u of fromB) Y.applyUpdate(a.doc, u, 'server');
}

describe('two offices edit one body offline (seeded, relayed like the sync server)', () => {
  it(`different paragraphs and the same paragraph: both edits present once, replicas identical (seeds ${FIRST_SEED}..${FIRST_SEED + SEEDS - 1})`, () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      const p = bodyEditPlan(seed);
      const { a, b } = editOffline(p.base, p.aText, p.bText);
      const why = `seed ${seed} (rerun with BODY_MERGE_SEED=${seed} BODY_MERGE_SEEDS=1)`;
      expect(bodyText(a.doc), why).toBe(p.expected);
      expect(bodyOf(b.doc).toString(), why).toBe(bodyOf(a.doc).toString());
      expect(bodyText(a.doc).split(p.inserted).length - 1, why).toBe(1);
    }
  });

  it('both insert at the same place: each text is there once, in the same order on both', () => {
    const { a, b } = editOffline('一、总体要求\n二、主要任务', '一、总体要求(市工信局补充)\n新增:保障措施\n二、主要任务', '一、总体要求(市财政局补充)\n二、主要任务');
    const text = bodyText(a.doc);
    expect(bodyText(b.doc)).toBe(text);
    for (const part of ['(市工信局补充)', '(市财政局补充)', '新增:保障措施', '二、主要任务', '一、总体要求']) {
      expect(text.split(part).length - 1, part).toBe(1);
    }
    expect(text.split('\n')).toHaveLength(3);
  });

  it('one side edits a paragraph the other deleted: the deletion wins, nothing else changes', () => {
    const { a, b } = editOffline('第一段\n第二段原文内容\n第三段', '第一段\n第二段原文内容有修改\n第三段', '第一段\n第三段');
    expect(bodyText(a.doc)).toBe('第一段\n第三段');
    expect(bodyText(b.doc)).toBe('第一段\n第三段');
  });
});
