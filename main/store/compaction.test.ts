import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { appendEvent, bodyText, fieldsOf, setBodyText } from '../../core/records/record-doc';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

// Every call into Yjs's merge functions from the store would be recorded here.
const merges = vi.hoisted(() => ({ calls: 0 }));
vi.mock('yjs', async (importOriginal) => {
  const actual = await importOriginal<typeof Y>();
  const count =
    <F extends (...args: never[]) => unknown>(fn: F) =>
    (...args: Parameters<F>) => {
      merges.calls += 1;
      return fn(...args);
    };
  return { ...actual, mergeUpdates: count(actual.mergeUpdates), mergeUpdatesV2: count(actual.mergeUpdatesV2) };
});

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

function rows(store: Store, sql: string, ...params: unknown[]): Array<Record<string, unknown>> {
  const db = (store as unknown as { db: { prepare(s: string): { all(...p: unknown[]): Array<Record<string, unknown>> } } }).db;
  return db.prepare(sql).all(...params);
}

function editMany(store: Store, id: string, n: number): void {
  for (let i = 0; i < n; i += 1) {
    store.change(id, (doc) => {
      fieldsOf(doc).set('progressNote', `第${i}次进展`);
      appendEvent(doc, { id: `e${i}`, type: 'note', actor: '甲', at: '2022-06-01T00:00:00Z', basis: null, payload: { i } });
      if (i % 10 === 0) setBodyText(doc, `正文第${i}版\n第二段`);
    });
  }
}

const stateOf = (doc: Y.Doc) => ({
  fields: fieldsOf(doc).toJSON(),
  body: bodyText(doc),
  events: doc.getArray('events').toJSON(),
});

describe('compaction', () => {
  it('keeps the document identical, shrinks the updates table and never merges updates', () => {
    const dir = tempDir();
    const store = Store.open({ dir, compactEvery: 1_000_000 });
    stores.push(store);
    const id = store.create('supervision', supervision({ title: '压缩测试' }));
    editMany(store, id, 60);
    const before = stateOf(store.getDoc(id));
    const sizeBefore = rows(store, 'SELECT count(*) AS n FROM updates')[0]?.n;
    expect(sizeBefore).toBe(60);

    merges.calls = 0;
    store.compact(id);
    expect(merges.calls).toBe(0);
    expect(rows(store, 'SELECT count(*) AS n FROM updates')[0]?.n).toBe(0);
    expect(rows(store, 'SELECT pending FROM records')[0]?.pending).toBe(0);

    store.close();
    stores.length = 0;
    const again = Store.open({ dir });
    stores.push(again);
    expect(stateOf(again.getDoc(id))).toEqual(before);
    // A compacted doc keeps accepting changes.
    again.change(id, (doc) => fieldsOf(doc).set('title', '压缩后修改'));
    expect(supervisionRepo(again).list({}).rows[0]?.title).toBe('压缩后修改');
  });

  it('runs automatically when a record passes compactEvery updates', () => {
    const store = Store.open({ dir: tempDir(), compactEvery: 10 });
    stores.push(store);
    const id = store.create('supervision', supervision());
    merges.calls = 0;
    editMany(store, id, 25);
    expect(store.stats.compactions).toBe(2);
    expect(merges.calls).toBe(0);
    expect(Number(rows(store, 'SELECT count(*) AS n FROM updates')[0]?.n)).toBeLessThanOrEqual(10);
    expect(fieldsOf(store.getDoc(id)).get('progressNote')).toBe('第24次进展');
  });

  it('would notice a merge (the spy is live)', () => {
    merges.calls = 0;
    const a = new Y.Doc();
    fieldsOf(a).set('x', 1);
    Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(a)]);
    expect(merges.calls).toBe(1);
  });

  it('does not mention Y.mergeUpdates anywhere in the store code', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/mergeUpdates/);
    }
  });
});
