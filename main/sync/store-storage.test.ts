import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyText, eventsOf, fieldsOf } from '../../core/records/record-doc';
import { defaultSeedFile, importSeedFile } from '../seed/import-seed';
import { seedRecordId } from '../seed/seed-ids';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { Bookkeeping } from './bookkeeping';
import { supervisionRepo } from '../supervision/repository';
import { createEvent, recordEvent } from '../../core/sync/testing/record-events';
import { StoreStorage } from './store-storage';

const open: Store[] = [];
function openStore(): Store {
  const store = Store.open({ dir: tempDir() });
  open.push(store);
  return store;
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
  removeTempDirs();
});

describe('StoreStorage: the sync engine over the SQLite store', () => {
  it('passes events through to the store\'s event API: pending, confirmed, rejected, listened to', () => {
    const store = openStore();
    const storage = new StoreStorage(store);
    const seen: string[] = [];
    storage.onEvent((id, e, origin) => seen.push(`${origin}:${e.type}:${id === r ? 'r' : id}`));
    const by = { login: 'a', name: '甲', unit: '市工信局', role: 'unit_staff' as const };
    const create = createEvent(by, 'supervision');
    const r = store.create('supervision', supervision({ title: '事项' }), { createEvent: create });
    const comment = recordEvent(by, 'comment', { text: '一' });
    store.act(r, comment);
    expect(storage.pendingEvents().filter((p) => p.id === r).map((p) => p.event.type)).toEqual(['create', 'comment']);
    storage.applyRemoteEvents(r, [{ seq: 1, event: create }]);
    storage.rejectEvent(r, comment.id, '被拒绝');
    expect(storage.events(r).map((e) => [e.event.type, e.status, e.seq, e.reason])).toEqual([
      ['create', 'confirmed', 1, null],
      ['comment', 'rejected', null, '被拒绝'],
    ]);
    expect(storage.confirmedSeq(r)).toBe(1);
    expect(storage.pendingEvents().filter((p) => p.id === r)).toEqual([]);
    // A create is reported by the update hook (the record's first write); later events by onEvent.
    expect(seen).toEqual(['local:comment:r']);
  });

  it('reports local updates only; remote ones are applied (and create unknown records)', () => {
    const store = openStore();
    const storage = new StoreStorage(store);
    const local: string[] = [];
    storage.onLocalUpdate((id) => local.push(id));
    const id = store.create('supervision', supervision({ title: '本地事项' }));
    store.change(id, (doc) => fieldsOf(doc).set('progressNote', '本地'));
    expect(local).toEqual([id, id]);

    const remote = new Y.Doc();
    supervision({ title: '远端事项', body: '远端正文' })(remote);
    storage.applyRemote('remote-1', Y.encodeStateAsUpdate(remote));
    expect(local).toEqual([id, id]);
    expect(storage.listDocIds()).toEqual([id, 'remote-1']);
    expect(bodyText(store.getDoc('remote-1'))).toBe('远端正文');
    expect(Y.encodeStateVector(store.getDoc('remote-1'))).toEqual(storage.encodeStateVector('remote-1'));
    // Unknown ids have an empty state: the whole server copy is what they lack.
    expect(Y.decodeStateVector(storage.encodeStateVector('nope')).size).toBe(0);
    const empty = new Y.Doc();
    Y.applyUpdate(empty, storage.encodeDiff('nope', new Uint8Array([0])));
    expect(empty.share.size).toBe(0);
  });

  it('marks a local edit dirty in the same transaction, once the profile has synced with a server', () => {
    const store = openStore();
    const storage = new StoreStorage(store);
    const id = store.create('supervision', supervision({ title: '事项' }));
    expect(store.getMeta('sync.dirty')).toBeNull();
    const book = new Bookkeeping(storage, 'ws://server#alice');
    expect([...book.dirty]).toEqual([id]);
    book.dirty.clear();
    book.saveDirty();
    // No engine is listening (logged out): the edit is still remembered for the next login.
    store.change(id, (doc) => fieldsOf(doc).set('progressNote', '离线'));
    expect(JSON.parse(store.getMeta('sync.dirty') ?? '[]')).toEqual([id]);
    expect([...new Bookkeeping(storage, 'ws://server#alice').dirty]).toEqual([id]);
  });

  it('removes a revoked record and remembers its title for the notice', () => {
    const store = openStore();
    const storage = new StoreStorage(store);
    const id = store.create('supervision', supervision({ title: '将被撤销的事项' }));
    storage.remove(id);
    expect(store.has(id)).toBe(false);
    expect(storage.takeRemovedTitle(id)).toBe('将被撤销的事项');
    storage.remove('never-existed');
  });
});

describe('the seed on two profiles', () => {
  it('converges without doubling bodies or event logs when both imported it the same day', () => {
    const a = openStore();
    const b = openStore();
    importSeedFile(a, defaultSeedFile(), new Date('2022-06-20T01:00:00Z'));
    importSeedFile(b, defaultSeedFile(), new Date('2022-06-20T07:42:13Z'));
    expect(b.ids().sort()).toEqual(a.ids().sort());
    expect(a.has(seedRecordId('厦府办〔2022〕47号'))).toBe(true);
    const before = new Map(a.ids().map((id) => [id, { body: bodyText(a.getDoc(id)), events: eventsOf(a.getDoc(id)).length }]));
    // Each side also edits one item before they meet.
    const item = supervisionRepo(a).list({ limit: 1 }).rows[0]!.id;
    a.change(item, (doc) => fieldsOf(doc).set('progressNote', '甲方进展'));
    b.change(item, (doc) => fieldsOf(doc).set('title', '乙方改的标题'));

    for (const id of a.ids()) {
      const fromA = Y.encodeStateAsUpdate(a.getDoc(id), Y.encodeStateVector(b.getDoc(id)));
      const fromB = Y.encodeStateAsUpdate(b.getDoc(id), Y.encodeStateVector(a.getDoc(id)));
      b.applyUpdate(id, fromA);
      a.applyUpdate(id, fromB);
    }
    for (const id of a.ids()) {
      expect(bodyText(a.getDoc(id))).toBe(before.get(id)!.body);
      expect(eventsOf(a.getDoc(id)).length).toBe(before.get(id)!.events);
      expect(Y.encodeStateVector(b.getDoc(id))).toEqual(Y.encodeStateVector(a.getDoc(id)));
      expect(fieldsOf(b.getDoc(id)).toJSON()).toEqual(fieldsOf(a.getDoc(id)).toJSON());
    }
    expect(fieldsOf(b.getDoc(item)).get('progressNote')).toBe('甲方进展');
    expect(fieldsOf(a.getDoc(item)).get('title')).toBe('乙方改的标题');
    expect(supervisionRepo(a).list({}).total).toBe(39);
    expect(supervisionRepo(b).list({}).total).toBe(39);
  });
});
