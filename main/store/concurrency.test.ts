import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldsOf } from '../../core/records/record-doc';
import { makeEvent, SUPERVISOR, SUPERVISOR_2 } from '../../core/supervision/testing/log';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});
const openStore = (dir = tempDir()) => {
  const s = Store.open({ dir });
  stores.push(s);
  return s;
};

/** A replica that starts from `base` and writes with a fixed client id. */
function replica(clientID: number, base?: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, base);
  return doc;
}

describe('Yjs conflict facts the store relies on', () => {
  it('concurrent writes of one Y.Map key: the higher clientID wins, in either order of application', () => {
    for (const [low, high] of [
      [1, 2],
      [7, 3_000_000_000],
    ] as const) {
      const a = replica(high);
      const b = replica(low);
      fieldsOf(a).set('title', 'from-high');
      fieldsOf(b).set('title', 'from-low');
      const ua = Y.encodeStateAsUpdate(a);
      const ub = Y.encodeStateAsUpdate(b);
      const first = replica(99);
      Y.applyUpdate(first, ua);
      Y.applyUpdate(first, ub);
      const second = replica(98);
      Y.applyUpdate(second, ub);
      Y.applyUpdate(second, ua);
      expect(fieldsOf(first).get('title')).toBe('from-high');
      expect(fieldsOf(second).get('title')).toBe('from-high');
    }
  });
});

describe('Store.applyUpdate', () => {
  it('converges whatever order concurrent updates arrive in, also after reopening', () => {
    const origin = openStore();
    const id = origin.create('supervision', supervision({ title: '原标题', progressNote: '' }));
    const base = Y.encodeStateAsUpdate(origin.getDoc(id));

    const a = replica(10, base);
    const b = replica(20, base);
    fieldsOf(a).set('title', 'A 改的标题');
    fieldsOf(a).set('progressNote', 'A 写的进展');
    fieldsOf(b).set('title', 'B 改的标题');
    const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(replica(0, base)));
    const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(replica(0, base)));

    const dirOne = tempDir();
    const one = openStore(dirOne);
    one.applyUpdate(id, base);
    one.applyUpdate(id, ua);
    one.applyUpdate(id, ub);
    const two = openStore();
    two.applyUpdate(id, base);
    two.applyUpdate(id, ub);
    two.applyUpdate(id, ua);

    for (const store of [one, two]) {
      expect(fieldsOf(store.getDoc(id)).toJSON()).toMatchObject({ title: 'B 改的标题', progressNote: 'A 写的进展' });
      expect(supervisionRepo(store).list({}).rows[0]).toMatchObject({ title: 'B 改的标题', progressNote: 'A 写的进展' });
    }
    one.close();
    stores.splice(stores.indexOf(one), 1);
    const reopened = openStore(dirOne);
    expect(fieldsOf(reopened.getDoc(id)).get('title')).toBe('B 改的标题');
  });

  it('keeps an update whose dependencies have not arrived yet, across a restart', () => {
    const dir = tempDir();
    let store = openStore(dir);
    const writer = replica(5);
    supervision({ title: '第一版' })(writer);
    const first = Y.encodeStateAsUpdate(writer);
    store.applyUpdate('r', first);
    const sv1 = Y.encodeStateVector(writer);
    fieldsOf(writer).set('title', '第二版');
    const second = Y.encodeStateAsUpdate(writer, sv1);
    const sv2 = Y.encodeStateVector(writer);
    fieldsOf(writer).set('title', '第三版');
    const third = Y.encodeStateAsUpdate(writer, sv2);

    store.applyUpdate('r', third); // arrives before `second`, so Yjs holds it as pending
    expect(supervisionRepo(store).list({}).rows[0]?.title).not.toBe('第三版');
    store.close();
    stores.splice(stores.indexOf(store), 1);
    store = openStore(dir);
    store.applyUpdate('r', second);
    expect(supervisionRepo(store).list({}).rows[0]?.title).toBe('第三版');
  });

  it('concurrent workflow transitions: status comes from the reducer and the conflict is flagged', () => {
    const origin = openStore();
    const id = origin.create('supervision', supervision());
    const at = '2022-06-01T00:00:00Z';
    // Two supervisors 交办 the same item offline: both based on the empty log. The server appends
    // both; the second names a stale basis and is flagged on every replica, never dropped.
    const assignments = [{ unit: '市审批管理局', role: 'lead' as const }];
    const ea = makeEvent('assign', SUPERVISOR, { assignments }, { id: 'ea', at, basis: null });
    const eb = makeEvent('assign', SUPERVISOR_2, { assignments }, { id: 'eb', at, basis: null });
    origin.applyRemoteEvents(id, [
      { seq: 1, event: ea },
      { seq: 2, event: eb },
    ]);
    expect(supervisionRepo(origin).list({}).rows[0]).toMatchObject({ status: 'in_progress', conflict: true });
    expect(supervisionRepo(origin).list({ status: 'in_progress' }).total).toBe(1);
    expect(origin.reduced(id).history.map((h) => [h.event.id, h.applied])).toEqual([
      ['ea', true],
      ['eb', false],
    ]);
  });
});
