import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { AREAS } from '../../core/areas';
import { defineArea } from '../../core/kernel/area';
import { CREATE, type RecordEvent } from '../../core/kernel/event';
import { createRegistry } from '../../core/kernel/registry';
import { makeEvent, SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import type { SupervisionWork } from '../../core/supervision/state';
import { supervisionRepo } from '../supervision/repository';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';

const stores: Store[] = [];
function open(dir = tempDir()): Store {
  const store = Store.open({ dir });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

const assignments = [{ unit: '市审批管理局', role: 'lead' as const }];
const createOf = (id: string): RecordEvent => ({ id: `create-${id}`, type: CREATE, actor: SUPERVISOR.login, by: SUPERVISOR, at: '2022-06-01T00:00:00.000Z', basis: null, payload: { kind: 'supervision' } });
const statusOf = (store: Store) => supervisionRepo(store).list({}, { today: '2022-06-20' }).rows[0]?.status;
const count = (store: Store, sql: string, ...args: unknown[]) => (store.use((db) => db).prepare(sql).get(...args) as { n: number }).n;

describe('the event log', () => {
  it('act writes the event as pending with its Y.Doc change and the projection, in one transaction', () => {
    const store = open();
    const id = store.create('supervision', supervision(), { createEvent: createOf('r') });
    const seen: string[] = [];
    store.onEvent((rid, e, origin) => seen.push(`${rid}:${e.type}:${origin}`));
    store.act(id, makeEvent('assign', SUPERVISOR, { assignments }, { id: 'a1' }), (doc) => doc.getMap('fields').set('updatedAt', '2022-06-20T00:00:00Z'));
    expect(store.events(id).map((e) => [e.event.id, e.status, e.seq])).toEqual([
      ['create-r', 'pending', null],
      ['a1', 'pending', null],
    ]);
    expect(statusOf(store)).toBe('in_progress');
    expect(store.getDoc(id).getMap('fields').get('updatedAt')).toBe('2022-06-20T00:00:00Z');
    expect(store.pendingEvents().map((p) => [p.id, p.event.id])).toEqual([
      [id, 'create-r'],
      [id, 'a1'],
    ]);
    expect(seen).toEqual([`${id}:assign:local`]);
    // The same event id twice is refused; nothing is written.
    expect(() => store.act(id, makeEvent('urge', SUPERVISOR, { units: ['市审批管理局'], level: 'blue', text: '请推进' }, { id: 'a1' }))).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => store.act(id, { ...makeEvent('assign', SUPERVISOR, { assignments }), at: '' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(store.events(id)).toHaveLength(2);
  });

  it('a failing in-transaction listener rolls back the event, the Y.Doc change and the projection', () => {
    const store = open();
    const id = store.create('supervision', supervision({ title: '原标题' }));
    store.onEvent(() => {
      throw new Error('listener failed');
    }, { inTransaction: true });
    expect(() => store.act(id, makeEvent('assign', SUPERVISOR, { assignments }), (doc) => doc.getMap('fields').set('title', '不会保存'))).toThrow('listener failed');
    expect(store.events(id)).toEqual([]);
    expect(statusOf(store)).toBe('draft');
    expect(store.getDoc(id).getMap('fields').get('title')).toBe('原标题');
    expect(count(store, 'SELECT count(*) AS n FROM updates')).toBe(0);
  });

  it('remote events: confirmed in server order before pending ones; confirming a pending one sets its seq; rejected ones are kept, not reduced', () => {
    const store = open();
    const id = store.create('supervision', supervision(), { createEvent: createOf('r') });
    const local = makeEvent('assign', SUPERVISOR, { assignments }, { id: 'mine' });
    store.act(id, local);
    // The server had appended the create; then another supervisor's 交办 came first.
    const theirs = makeEvent('assign', { ...SUPERVISOR, login: 'dcs.wu', name: '吴督查' }, { assignments }, { id: 'theirs' });
    store.applyRemoteEvents(id, [
      { seq: 1, event: createOf('r') },
      { seq: 2, event: theirs },
    ]);
    expect(store.events(id).map((e) => [e.event.id, e.status, e.seq])).toEqual([
      ['create-r', 'confirmed', 1],
      ['theirs', 'confirmed', 2],
      ['mine', 'pending', null],
    ]);
    expect(store.confirmedSeq(id)).toBe(2);
    // Mine named a stale basis: flagged, also to me.
    expect(store.reduced(id).history.map((h) => [h.event.id, h.applied])).toEqual([
      ['create-r', true],
      ['theirs', true],
      ['mine', false],
    ]);
    expect(supervisionRepo(store).list({}).rows[0]).toMatchObject({ status: 'in_progress', conflict: true });
    // The same events again change nothing.
    const before = store.stats.reductions;
    store.applyRemoteEvents(id, [{ seq: 2, event: theirs }]);
    expect(store.stats.reductions).toBe(before);

    const report = makeEvent('report', SPJ, { unit: '市审批管理局', text: '伪造的单位反馈', percent: 10 }, { id: 'bad' });
    store.act(id, report);
    expect(store.rejectEvent(id, 'bad', '签名无效')).toBe(true);
    expect(store.rejectEvent(id, 'bad', 'again')).toBe(false);
    expect(store.events(id).at(-1)).toMatchObject({ status: 'rejected', reason: '签名无效', event: { id: 'bad' } });
    expect(store.reduced(id).history.map((h) => h.event.id)).not.toContain('bad');
    expect(store.pendingEvents().map((p) => p.event.id)).toEqual(['mine']);
    store.applyRemoteEvents(id, [{ seq: 3, event: local }]);
    expect(store.events(id).find((e) => e.event.id === 'mine')).toMatchObject({ status: 'confirmed', seq: 3 });
  });

  it('an unknown record is created from its create event (fields follow by Yjs); other unknown records are refused', () => {
    const store = open();
    store.applyRemoteEvents('r1', [{ seq: 1, event: createOf('r1') }]);
    expect(store.kindOf('r1')).toBe('supervision');
    expect(store.reduced('r1').created).toMatchObject({ by: SUPERVISOR });
    const doc = new Y.Doc();
    supervision({ title: '随后到达的字段' })(doc);
    store.applyUpdate('r1', Y.encodeStateAsUpdate(doc));
    expect(supervisionRepo(store).list({}).rows.map((r) => r.title)).toEqual(['随后到达的字段']);
    expect(() => store.applyRemoteEvents('r2', [{ seq: 1, event: makeEvent('assign', SUPERVISOR, { assignments }) }])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => store.applyRemoteEvents('r3', [{ seq: 1, event: { ...createOf('r3'), payload: { kind: 'unknown_kind' } } }])).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(store.has('r2') || store.has('r3')).toBe(false);
  });

  it('a record whose fields its area cannot read is kept (log and events), with no derived rows, rather than refused', () => {
    const strict = defineArea<null, { kind: string; title: string }>({
      kind: 'note',
      label: '便签',
      fields: z.object({ kind: z.literal('note'), title: z.string().min(1) }),
      events: {},
      initial: () => null,
      rules: {},
      can: () => null,
      search: (view) => ({ title: view.fields.title, body: '', notes: '' }),
    });
    const store = Store.open({ dir: tempDir(), registry: createRegistry([...AREAS.areas, strict]) });
    stores.push(store);
    const doc = new Y.Doc();
    doc.getMap('fields').set('kind', 'note');
    doc.getMap('fields').set('title', 42);
    store.applyUpdate('n1', Y.encodeStateAsUpdate(doc));
    expect(store.kindOf('n1')).toBe('note');
    expect(store.search({ q: '42' }).total).toBe(0);
    const fixed = new Y.Doc();
    Y.applyUpdate(fixed, Y.encodeStateAsUpdate(doc));
    fixed.getMap('fields').set('title', '会议纪要要点');
    store.applyUpdate('n1', Y.encodeStateAsUpdate(fixed, Y.encodeStateVector(doc)));
    expect(store.search({ q: '会议纪要' }).hits.map((h) => h.id)).toEqual(['n1']);
  });

  it('reduced(id) is cached and recomputed after any write of the record only', () => {
    const store = open();
    const [a, b] = store.createMany([
      { kind: 'supervision', build: supervision({ title: '甲' }) },
      { kind: 'supervision', build: supervision({ title: '乙' }) },
    ]);
    const first = store.reduced<SupervisionWork>(a!);
    expect(store.reduced(a!)).toBe(first);
    store.act(b!, makeEvent('assign', SUPERVISOR, { assignments }));
    expect(store.reduced(a!)).toBe(first);
    store.act(a!, makeEvent('assign', SUPERVISOR, { assignments }));
    expect(store.reduced<SupervisionWork>(a!).state.phase).toBe('in_progress');
  });

  it('rebuildIndex derives everything again from the log and the events; remove deletes the events too', () => {
    const dir = tempDir();
    const store = open(dir);
    const id = store.create('supervision', supervision({ title: '重建' }), { createEvent: createOf('x') });
    store.act(id, makeEvent('assign', SUPERVISOR, { assignments }, { at: '2022-06-01T00:00:00.000Z' }));
    const todo = () => supervisionRepo(store).todo(['unit:市审批管理局'], { today: '2022-06-20' }).map((t) => t.kind);
    const before = { status: statusOf(store), todo: todo(), done: count(store, 'SELECT count(*) AS n FROM done') };
    store.use((db) => db).exec('DELETE FROM supervision; DELETE FROM todo; DELETE FROM done;');
    store.rebuildIndex();
    expect({ status: statusOf(store), todo: todo(), done: count(store, 'SELECT count(*) AS n FROM done') }).toEqual(before);
    expect(before.done).toBe(2);
    store.remove(id);
    expect(count(store, 'SELECT count(*) AS n FROM record_events')).toBe(0);
    expect(count(store, 'SELECT count(*) AS n FROM todo')).toBe(0);
  });
});
