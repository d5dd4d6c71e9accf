import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AREAS } from '../../core/areas';
import { RecordLog } from '../events/record-log';
import { Room } from './room';
import { cachedStep2 } from './step2-cache';

describe('cachedStep2', () => {
  it('shares one answer per state vector while the document is unchanged, and answers anew after an update', () => {
    const room = new Room('d', new RecordLog('d', AREAS), { docId: null, seq: 0, tailCount: 0, tailBytes: 0 });
    room.doc.getText('body').insert(0, '文'.repeat(40_000));
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = cachedStep2(room, empty);
    expect(cachedStep2(room, empty.slice())).toBe(first);
    room.doc.getText('body').insert(0, '新');
    const second = cachedStep2(room, empty);
    expect(second).not.toBe(first);
    expect(second).toEqual(room.step2(empty));
    // Small answers are not kept.
    const small = new Room('s', new RecordLog('s', AREAS), { docId: null, seq: 0, tailCount: 0, tailBytes: 0 });
    small.doc.getText('body').insert(0, '短');
    expect(cachedStep2(small, empty)).not.toBe(cachedStep2(small, empty));
    room.destroy();
    small.destroy();
  });
});
