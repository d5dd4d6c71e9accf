import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../core/testing/seeded-random';
import { DeleteIndex } from './delete-index';

describe('the stored deletions of a room', () => {
  it('merges ranges as they come and answers lookups like a merged delete set (seeded)', () => {
    const seed = 20260501;
    const rand = seededRandom(seed);
    const index = new DeleteIndex();
    const truth = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const clock = Math.floor(rand() * 500);
      const len = 1 + Math.floor(rand() * 8);
      index.add(7, clock, len);
      for (let c = clock; c < clock + len; c++) truth.add(c);
    }
    for (let clock = 0; clock < 520; clock++) {
      for (const len of [1, 2, 5]) {
        let all = true;
        for (let c = clock; c < clock + len; c++) all &&= truth.has(c);
        expect(index.covers(7, clock, len), `seed ${seed}: [${clock}, ${clock + len})`).toBe(all);
      }
    }
    expect(index.covers(8, 0, 1)).toBe(false);
  });

  it('starts from what the document holds', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abcdef');
    doc.getText('t').delete(1, 2);
    const index = DeleteIndex.fromDoc(doc);
    expect(index.covers(doc.clientID, 1, 2)).toBe(true);
    expect(index.covers(doc.clientID, 0, 2)).toBe(false);
  });
});
