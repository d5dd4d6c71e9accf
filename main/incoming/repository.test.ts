import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldsOf } from '../../core/records/record-doc';
import { incomingRow, readIncomingFields } from '../../core/incoming/projection';
import { Store } from '../store/store';
import { incoming, removeTempDirs, tempDir } from '../store/testing/fixtures';
import { incomingRepo } from './repository';

afterEach(() => removeTempDirs());

describe('IncomingRepository', () => {
  it('lists 收文 newest first from the projection, following edits', () => {
    const store = Store.open({ dir: tempDir() });
    try {
      const older = store.create(
        'incoming',
        incoming({ title: '旧文件', issuer: '市政府办公厅', docNumber: '厦府办〔2021〕1号', receivedAt: '2021-03-01T00:00:00Z' }),
      );
      const newer = store.create(
        'incoming',
        incoming({ title: '关于印发2022年数字厦门工作要点的通知', issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕47号', writtenDate: '2022-05-08', receivedAt: '2022-05-09T00:00:00Z' }),
      );
      expect(incomingRepo(store).list().map((r) => r.id)).toEqual([newer, older]);
      expect(incomingRepo(store).list()[0]).toEqual({
        id: newer,
        title: '关于印发2022年数字厦门工作要点的通知',
        issuer: '厦门市人民政府办公厅',
        docNumber: '厦府办〔2022〕47号',
        writtenDate: '2022-05-08',
        receivedAt: '2022-05-09T00:00:00Z',
      });
      store.change(older, (doc) => fieldsOf(doc).set('title', '旧文件(修订)'));
      expect(incomingRepo(store).list()[1]?.title).toBe('旧文件(修订)');
      expect(store.search({ q: '47号', kind: 'incoming' }).hits.map((h) => h.id)).toEqual([newer]);
    } finally {
      store.close();
    }
  });
});

describe('the 收文 row', () => {
  it('falls back to safe defaults for malformed fields', () => {
    const doc = new Y.Doc();
    fieldsOf(doc).set('kind', 'incoming');
    fieldsOf(doc).set('title', 42);
    fieldsOf(doc).set('mainRecipients', ['各区人民政府', 7]);
    expect(readIncomingFields(doc)).toMatchObject({ title: '(无标题)', mainRecipients: ['各区人民政府'], writtenDate: null });
    expect(incomingRow('x', readIncomingFields(doc))).toMatchObject({ id: 'x', title: '(无标题)', docNumber: '' });
  });
});
