import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AREAS } from '../../core/areas';
import type { AnyArea } from '../../core/kernel/area';
import { createRegistry } from '../../core/kernel/registry';
import { makeEvent, SUPERVISOR } from '../../core/supervision/testing/log';
import { Store } from './store';
import { incoming, removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

const open: Store[] = [];
function openStore(dir: string, opts: Partial<Parameters<typeof Store.open>[0]> = {}): Store {
  const store = Store.open({ dir, ...opts });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  removeTempDirs();
});

const count = (store: Store, sql: string): number =>
  ((store as unknown as { db: { prepare(s: string): { get(): { n: number } } } }).db.prepare(sql).get()).n;

describe('Store basics', () => {
  it('creates <dir>/xietong.db, starts empty and keeps records across reopen', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.file).toBe(path.join(dir, 'xietong.db'));
    expect(fs.existsSync(store.file)).toBe(true);
    expect(store.isEmpty()).toBe(true);
    const id = store.create('supervision', supervision({ title: '建设政务服务管理平台', body: '第一段\n第二段' }));
    const docId = store.create('incoming', incoming({ title: '关于印发工作要点的通知' }));
    expect(store.isEmpty()).toBe(false);
    expect([store.count(), store.count('supervision'), store.count('incoming')]).toEqual([2, 1, 1]);
    expect(store.kindOf(id)).toBe('supervision');
    expect(store.kindOf(docId)).toBe('incoming');
    expect(store.has('nope')).toBe(false);
    store.close();
    open.length = 0;
    const again = openStore(dir);
    expect(bodyText(again.getDoc(id))).toBe('第一段\n第二段');
    expect(fieldsOf(again.getDoc(id)).get('title')).toBe('建设政务服务管理平台');
  });

  it('throws NOT_FOUND for unknown ids', () => {
    const store = openStore(tempDir());
    expect(() => store.getDoc('missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => store.change('missing', () => undefined)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(store.kindOf('missing')).toBeNull();
  });

  it('uses a given id and refuses a duplicate; createMany is all or nothing', () => {
    const store = openStore(tempDir());
    store.create('supervision', supervision(), { id: 'fixed-id' });
    expect(() => store.create('supervision', supervision(), { id: 'fixed-id' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() =>
      store.createMany([
        { kind: 'supervision', build: supervision({ title: '甲' }), id: 'a' },
        { kind: 'supervision', build: supervision({ title: '乙' }), id: 'fixed-id' },
      ]),
    ).toThrow();
    expect(store.has('a')).toBe(false);
    expect(store.count()).toBe(1);
  });

  it('sets fields.kind when the builder forgot it', () => {
    const store = openStore(tempDir());
    const id = store.create('supervision', (doc) => fieldsOf(doc).set('title', '无类型'));
    expect(fieldsOf(store.getDoc(id)).get('kind')).toBe('supervision');
  });

  it('change() appends one update and rewrites the projection in the same call', () => {
    const store = openStore(tempDir());
    const id = store.create('supervision', supervision({ title: '旧标题' }));
    const seen: string[][] = [];
    store.onChange((ids) => seen.push(ids));
    store.change(id, (doc) => fieldsOf(doc).set('title', '新标题'));
    expect(supervisionRepo(store).list({}).rows[0]?.title).toBe('新标题');
    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(1);
    expect(seen).toEqual([[id]]);
    // A change that changes nothing writes nothing.
    store.change(id, () => undefined);
    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(1);
  });

  it('derives status from events into the projection only', () => {
    const store = openStore(tempDir());
    const id = store.create('supervision', supervision());
    expect(supervisionRepo(store).list({}).rows[0]?.status).toBe('draft');
    const assign = makeEvent('assign', SUPERVISOR, { assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    store.act(id, assign);
    expect(supervisionRepo(store).list({}).rows[0]?.status).toBe('in_progress');
    expect(fieldsOf(store.getDoc(id)).has('status')).toBe(false);
  });
});

describe('lazy open', () => {
  it('serves lists, counts, facets and search after reopening without decoding any document', () => {
    const dir = tempDir();
    const first = openStore(dir);
    const ids = first.createMany(
      Array.from({ length: 20 }, (_, i) => ({
        kind: 'supervision' as const,
        build: supervision({ title: `督办事项${i}`, order: i, lead: ['市审批管理局'] }),
      })),
    );
    first.close();
    open.length = 0;
    const store = openStore(dir);
    expect(store.count()).toBe(20);
    expect(supervisionRepo(store).list({ lead: '市审批管理局' }).total).toBe(20);
    expect(supervisionRepo(store).facets().leads).toEqual([{ value: '市审批管理局', count: 20 }]);
    expect(store.search({ q: '督办' }).total).toBe(20);
    expect(store.kindOf(ids[3] as string)).toBe('supervision');
    expect(store.stats.decodes).toBe(0);
    store.getDoc(ids[3] as string);
    store.getDoc(ids[3] as string);
    expect(store.stats.decodes).toBe(1);
  });

  it('keeps only cacheSize documents decoded', () => {
    const store = openStore(tempDir(), { cacheSize: 2 });
    const ids = store.createMany([1, 2, 3].map((i) => ({ kind: 'supervision' as const, build: supervision({ order: i }) })));
    const decodesBefore = store.stats.decodes;
    // The last two created are cached; the first was evicted.
    store.getDoc(ids[2] as string);
    store.getDoc(ids[1] as string);
    expect(store.stats.decodes).toBe(decodesBefore);
    store.getDoc(ids[0] as string);
    expect(store.stats.decodes).toBe(decodesBefore + 1);
  });
});

describe('one transaction for update, projection and index', () => {
  /** The app's areas, with 督办's projection failing while `state.fail`. */
  function failingProjectors(state: { fail: boolean }) {
    const real = AREAS.get('supervision');
    const failing: AnyArea = {
      ...real,
      projection: {
        ...real.projection!,
        rows: (view) => {
          if (state.fail) throw new Error('projector failed');
          return real.projection!.rows(view);
        },
      },
    };
    return createRegistry(AREAS.areas.map((a) => (a.kind === 'supervision' ? failing : a)));
  }

  it('a projector that throws rolls the update back, and what was saved stays', () => {
    const dir = tempDir();
    const state = { fail: false };
    const store = openStore(dir, { registry: failingProjectors(state) });
    const id = store.create('supervision', supervision({ title: '原标题' }));
    store.change(id, (doc) => fieldsOf(doc).set('progressNote', '已保存的进展'));
    const updatesBefore = count(store, 'SELECT count(*) AS n FROM updates');

    state.fail = true;
    expect(() => store.change(id, (doc) => fieldsOf(doc).set('title', '不会保存'))).toThrow('projector failed');
    expect(() => store.create('supervision', supervision({ title: '也不会保存' }))).toThrow('projector failed');
    state.fail = false;

    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(updatesBefore);
    expect(store.count()).toBe(1);
    // The in-memory doc was dropped with the failed change: memory matches disk again.
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('原标题');
    expect(store.search({ q: '不会保存' }).total).toBe(0);
    const row = supervisionRepo(store).list({}).rows[0];
    expect([row?.title, row?.progressNote]).toEqual(['原标题', '已保存的进展']);

    store.close();
    open.length = 0;
    const again = openStore(dir);
    expect(fieldsOf(again.getDoc(id)).toJSON()).toMatchObject({ title: '原标题', progressNote: '已保存的进展' });
  });

  it('a mutate function that throws half-way leaves neither disk nor memory changed', () => {
    const store = openStore(tempDir());
    const id = store.create('supervision', supervision({ title: '原标题' }));
    expect(() =>
      store.change(id, (doc) => {
        fieldsOf(doc).set('title', '半途');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('原标题');
    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(0);
  });

  it('drops a cached doc that was modified outside change()', () => {
    const store = openStore(tempDir());
    const id = store.create('supervision', supervision({ title: '原标题' }));
    fieldsOf(store.getDoc(id)).set('title', '绕过存储的修改');
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('原标题');
  });
});

describe('listeners', () => {
  it('a failing listener does not fail a committed write', () => {
    const store = openStore(tempDir());
    store.onChange(() => {
      throw new Error('listener');
    });
    const id = store.create('supervision', supervision());
    const off = store.onChange(() => undefined);
    off();
    expect(store.has(id)).toBe(true);
  });
});

describe('remote updates', () => {
  it('creates an unknown record from an update and ignores an update it already has', () => {
    const store = openStore(tempDir());
    const remote = new Y.Doc();
    supervision({ title: '远端创建' })(remote);
    const update = Y.encodeStateAsUpdate(remote);
    store.applyUpdate('remote-1', update);
    expect(supervisionRepo(store).list({}).rows.map((r) => r.title)).toEqual(['远端创建']);
    const before = count(store, 'SELECT count(*) AS n FROM updates');
    store.applyUpdate('remote-1', update);
    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(before);
  });

  it('refuses a new record whose kind cannot be read', () => {
    const store = openStore(tempDir());
    const remote = new Y.Doc();
    fieldsOf(remote).set('title', '没有类型');
    expect(() => store.applyUpdate('x', Y.encodeStateAsUpdate(remote))).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
  });
});
