import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toHex, utf8Encode } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { filesOf } from '../records/record-doc';
import { deleteLegacyFiles, legacyFilesOf } from './legacy-files';

describe('legacy files in a record Y.Doc', () => {
  it('returns the entries whose bytes match their key and names the others; deleting them shrinks the encoded state', () => {
    const doc = new Y.Doc();
    const good = new Uint8Array(50_000).map((_, i) => i % 251);
    const key = toHex(sm3(good));
    const other = utf8Encode('不是这个键的内容');
    const wrongKey = toHex(sm3(utf8Encode('别的内容')));
    doc.transact(() => {
      filesOf(doc).set(key, { name: '进展报告.pdf', mime: 'application/pdf', size: good.length, data: good });
      filesOf(doc).set(wrongKey, { name: '伪造.txt', mime: 'text/plain', size: other.length, data: other });
      filesOf(doc).set('not-a-key', 'garbage');
    });
    const { valid, invalid } = legacyFilesOf(doc);
    expect(valid).toEqual([{ sm3: key, name: '进展报告.pdf', mime: 'application/pdf', data: good }]);
    expect(invalid.sort()).toEqual([wrongKey, 'not-a-key'].sort());
    const before = Y.encodeStateAsUpdate(doc).length;
    doc.transact(() => deleteLegacyFiles(doc, [key]));
    expect(filesOf(doc).has(key)).toBe(false);
    expect(Y.encodeStateAsUpdate(doc).length).toBeLessThan(before - 45_000);
  });
});
