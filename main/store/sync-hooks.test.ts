import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { Store, type UpdateOrigin } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

/** What sync needs from the store: update bytes with their origin, remove(), meta, deterministic creation. */

const open: Store[] = [];
function openStore(dir = tempDir()): Store {
  const store = Store.open({ dir });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  removeTempDirs();
});

type Db = { prepare(sql: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] } };
const db = (store: Store) => (store as unknown as { db: Db }).db;

describe('store.onUpdate', () => {
  it('reports local writes (create, change) and remote ones (applyUpdate) with their bytes, after the commit', () => {
    const a = openStore();
    const b = openStore();
    const seen: Array<{ id: string; origin: UpdateOrigin; update: Uint8Array }> = [];
    const inTx: string[] = [];
    a.onUpdate((id, update, origin) => seen.push({ id, origin, update }));
    a.onUpdate((id, _u, origin) => inTx.push(`${origin}:${id}`), { inTransaction: true });

    const id = a.create('supervision', supervision({ title: '甲', body: '正文' }));
    a.change(id, (doc) => fieldsOf(doc).set('progressNote', '进展'));
    expect(seen.map((s) => [s.id, s.origin])).toEqual([
      [id, 'local'],
      [id, 'local'],
    ]);
    // The bytes are the real updates: replaying them elsewhere gives the same record.
    for (const s of seen) b.applyUpdate(id, s.update);
    expect(fieldsOf(b.getDoc(id)).get('progressNote')).toBe('进展');
    expect(bodyText(b.getDoc(id))).toBe('正文');

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(a.getDoc(id)));
    fieldsOf(other).set('title', '乙');
    a.applyUpdate(id, Y.encodeStateAsUpdate(other, Y.encodeStateVector(a.getDoc(id))));
    expect(seen.at(-1)?.origin).toBe('remote');
    expect(inTx).toEqual([`local:${id}`, `local:${id}`, `remote:${id}`]);
  });

  it('rolls the write back when an in-transaction listener throws', () => {
    const store = openStore();
    const id = store.create('supervision', supervision({ title: '甲' }));
    const off = store.onUpdate(
      () => {
        throw new Error('disk full');
      },
      { inTransaction: true },
    );
    expect(() => store.change(id, (doc) => fieldsOf(doc).set('title', '乙'))).toThrow('disk full');
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('甲');
    off();
    store.change(id, (doc) => fieldsOf(doc).set('title', '乙'));
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('乙');
  });
});

describe('store.remove', () => {
  it('deletes the log, snapshot, projection rows and index entries in one go', () => {
    const store = openStore();
    const keep = store.create('supervision', supervision({ title: '保留的事项', lead: ['市工信局'], body: '数字政府' }));
    const gone = store.create('supervision', supervision({ title: '撤销的事项', lead: ['市工信局'], responsible: ['思明区'], body: '数字政府建设' }));
    store.change(gone, (doc) => fieldsOf(doc).set('progressNote', '已推进'));
    const rid = (db(store).prepare('SELECT rid FROM records WHERE id = ?').get(gone) as { rid: number }).rid;
    const changed: string[][] = [];
    store.onChange((ids) => changed.push(ids));

    expect(store.remove(gone)).toBe(true);
    expect(store.remove(gone)).toBe(false);
    expect(changed).toEqual([[gone]]);
    expect(store.has(gone)).toBe(false);
    expect(store.ids()).toEqual([keep]);
    const tables = db(store).prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%' AND name <> 'search'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const hasRid = db(store).prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(name, 'rid');
      if (hasRid) expect(db(store).prepare(`SELECT count(*) AS n FROM "${name}" WHERE rid = ?`).get(rid), name).toEqual({ n: 0 });
    }
    expect(db(store).prepare('SELECT count(*) AS n FROM search_text WHERE rid = ?').get(rid)).toEqual({ n: 0 });
    expect(store.search({ q: '数字政府' }).hits.map((h) => h.id)).toEqual([keep]);
    expect(supervisionRepo(store).list({}).rows.map((r) => r.id)).toEqual([keep]);
    // The id may come back later (access granted again): it is a new record then.
    store.applyUpdate(gone, Y.encodeStateAsUpdate(openStoreWith(gone)));
    expect(fieldsOf(store.getDoc(gone)).get('title')).toBe('重新授权');
  });
});

function openStoreWith(id: string): Y.Doc {
  const doc = new Y.Doc({ guid: id });
  supervision({ title: '重新授权' })(doc);
  return doc;
}

describe('store meta', () => {
  it('keeps small values across reopen, and null deletes', () => {
    const dir = tempDir();
    let store = openStore(dir);
    store.setMeta('sync.config', '{"url":"ws://x"}');
    store.close();
    store = openStore(dir);
    expect(store.getMeta('sync.config')).toBe('{"url":"ws://x"}');
    store.setMeta('sync.config', null);
    expect(store.getMeta('sync.config')).toBeNull();
  });
});

describe('deterministic creation', () => {
  it('gives identical structs for identical content on two machines, and distinct ones otherwise', () => {
    const a = openStore();
    const b = openStore();
    const c = openStore();
    const id = '5e3c0b1e-0000-8000-8000-000000000001';
    a.createMany([{ kind: 'supervision', id, deterministic: true, build: supervision({ title: '同一事项', body: '第一段\n第二段' }) }]);
    b.createMany([{ kind: 'supervision', id, deterministic: true, build: supervision({ title: '同一事项', body: '第一段\n第二段' }) }]);
    c.createMany([{ kind: 'supervision', id, deterministic: true, build: supervision({ title: '同一事项', body: '另一段' }) }]);
    const stateA = Y.encodeStateAsUpdate(a.getDoc(id));
    expect(Y.encodeStateAsUpdate(b.getDoc(id))).toEqual(stateA);
    b.applyUpdate(id, stateA);
    expect(bodyText(b.getDoc(id))).toBe('第一段\n第二段');
    // Different content, different client id: merging doubles the body (visible), never silently drops one side.
    expect([...Y.decodeStateVector(Y.encodeStateVector(c.getDoc(id))).keys()]).not.toEqual([...Y.decodeStateVector(Y.encodeStateVector(a.getDoc(id))).keys()]);
    // Later edits do not reuse the derived client id.
    a.change(id, (doc) => fieldsOf(doc).set('progressNote', '甲'));
    b.change(id, (doc) => fieldsOf(doc).set('progressNote', '乙'));
    const clients = (s: Store) => [...Y.decodeStateVector(Y.encodeStateVector(s.getDoc(id))).keys()];
    expect(clients(a).length).toBe(2);
    expect(clients(a).filter((k) => clients(b).includes(k))).toHaveLength(1);
  });
});
