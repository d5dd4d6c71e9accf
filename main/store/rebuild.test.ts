import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvent, fieldsOf } from '../../core/records/record-doc';
import { Store } from './store';
import { incoming, removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

afterEach(() => removeTempDirs());

const dbOf = (store: Store) => (store as unknown as { db: Database }).db;
const dump = (store: Store) => {
  const db = dbOf(store);
  const all = (sql: string) => db.prepare(sql).all();
  return {
    supervision: all('SELECT * FROM supervision ORDER BY rid'),
    units: all('SELECT * FROM supervision_units ORDER BY role, unit, rid'),
    incoming: all('SELECT * FROM incoming ORDER BY rid'),
    searchText: all('SELECT * FROM search_text ORDER BY rid'),
  };
};

describe('rebuildIndex', () => {
  it('rebuilds identical projections and search results from the log', () => {
    const dir = tempDir();
    const store = Store.open({ dir, compactEvery: 3 });
    const source = store.create('incoming', incoming({ title: '关于印发数字厦门工作要点的通知', body: '各区人民政府' }));
    const ids = store.createMany(
      Array.from({ length: 12 }, (_, i) => ({
        kind: 'supervision' as const,
        build: supervision({
          title: `数字政府事项${i}`,
          order: i,
          section: i % 2 ? '一、打造协同高效的数字政府' : '二、发展融合融通的数字经济',
          lead: [i % 3 ? '市工信局(大数据局)' : '市审批管理局'],
          responsible: ['各区', `区${i % 4}`],
          deadline: i % 5 ? `2022-0${(i % 9) + 1}-15` : null,
          sourceId: source,
          body: `推进第${i}项工作\n信息共享`,
        }),
      })),
    );
    for (const [n, id] of ids.slice(0, 6).entries()) {
      store.change(id, (doc) => fieldsOf(doc).set('progressNote', `进展${n}`));
      store.change(id, (doc) => fieldsOf(doc).set('lead', ['市信息中心']));
      store.change(id, (doc) =>
        appendEvent(doc, { id: `e${n}`, type: 'complete', actor: '甲', at: '2022-06-01T00:00:00Z', basis: null, payload: {} }),
      );
      store.change(id, (doc) => fieldsOf(doc).set('updatedAt', `2022-06-0${n + 1}T00:00:00.000Z`));
    }
    const before = dump(store);
    // bm25 scores can differ in the last digits (FTS5's running totals after deletes), so
    // results are compared without them.
    const searches = () =>
      ['数字政府', '信息', '进展3', '各区人民政府'].map((q) => {
        const { hits, total } = store.search({ q });
        return { total, hits: hits.map(({ score: _score, ...hit }) => hit) };
      });
    const searchBefore = searches();

    expect(store.rebuildIndex()).toEqual({ records: 13, kinds: { incoming: 1, supervision: 12 } });
    expect(dump(store)).toEqual(before);
    expect(searches()).toEqual(searchBefore);
    store.close();
  });

  it('repairs projections that were damaged or lost', () => {
    const store = Store.open({ dir: tempDir() });
    store.create('supervision', supervision({ title: '会被删掉的投影', lead: ['市公安局'] }));
    const before = dump(store);
    dbOf(store).exec("DELETE FROM supervision; DELETE FROM supervision_units; DELETE FROM search_text; INSERT INTO search(search) VALUES ('delete-all');");
    expect(supervisionRepo(store).list({}).total).toBe(0);
    store.rebuildIndex();
    expect(dump(store)).toEqual(before);
    expect(store.search({ q: '投影' }).total).toBe(1);
    store.close();
  });
});
