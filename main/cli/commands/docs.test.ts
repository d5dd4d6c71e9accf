import { afterEach, describe, expect, it } from 'vitest';
import { createAppDispatch } from '../../app/handlers-index';
import { createSession } from '../../app/session';
import { importSeedFile, defaultSeedFile } from '../../seed/import-seed';
import { Store } from '../../store/store';
import { removeTempDirs, tempDir } from '../../store/testing/fixtures';
import { runOa } from '../run';

afterEach(() => removeTempDirs());

function oa(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOa(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('oa docs list', () => {
  it('prints [{id, box, docKind, title, docNumber, status}] of both boxes, filtered by box and status', async () => {
    const dir = tempDir();
    const store = Store.open({ dir });
    importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
    const session = createSession();
    session.switchTo('bgt.li');
    const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-07-04T01:00:00Z') });
    const drafted = await dispatch('documents.draft', { docKind: '通知', title: '关于开展政务数据安全检查的通知' });
    if (!drafted.ok) throw new Error(drafted.error.message);
    const id = (drafted.value as { id: string }).id;
    store.close();

    const all = oa(['docs', 'list', '--data', dir, '--json']);
    expect(all.code).toBe(0);
    const rows = JSON.parse(all.out[0]!) as Record<string, unknown>[];
    expect(rows).toEqual([
      { id, box: '发文', docKind: '通知', title: '关于开展政务数据安全检查的通知', docNumber: '', status: '拟稿' },
      { id: expect.any(String), box: '收文', docKind: '', title: expect.stringContaining('数字厦门'), docNumber: '厦府办〔2022〕47号', status: '待登记' },
    ]);
    expect(JSON.parse(oa(['docs', 'list', '--data', dir, '--box', '收文', '--json']).out[0]!)).toHaveLength(1);
    expect(JSON.parse(oa(['docs', 'list', '--data', dir, '--status', '拟稿', '--json']).out[0]!)).toEqual([rows[0]]);
    expect(JSON.parse(oa(['docs', 'list', '--data', dir, '--status', 'issue', '--json']).out[0]!)).toEqual([]);
    expect(oa(['docs', 'list', '--data', dir, '--status', '办完了']).code).toBe(2);
    expect(oa(['docs', 'list', '--data', dir, '--box', '公告']).code).toBe(2);
  });
});
