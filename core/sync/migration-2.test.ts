import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RecordEvent } from '../kernel/event';
import { AccountRepository } from './accounts';
import { eventText } from './event-json';
import { migrate, SCHEMA_VERSION, schemaVersion, SchemaTooNew } from './migrate';
import { nextSeq } from './sql';

const by = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };
const event = (id: string, type = 'urge', extra: Record<string, unknown> = {}) => ({ id, type, actor: 'dcs.lin', by, at: '2022-07-01T01:00:00.000Z', basis: null, payload: { n: id }, ...extra });

/** A v1 database holding what a v1 server stored: updates (some compacted into a snapshot), grants. */
function v1Database() {
  const db = new Database(':memory:');
  migrate(db, 1);
  const addDoc = (name: string, owners: string[]) => {
    const seq = nextSeq(db);
    return Number(db.prepare('INSERT INTO docs (name, created_seq, change_seq, owners, content_owners) VALUES (?, ?, ?, ?, ?)').run(name, seq, seq, JSON.stringify(owners), '["市财政局"]').lastInsertRowid);
  };
  const addUpdate = (docId: number, update: Uint8Array) => {
    const seq = nextSeq(db);
    db.prepare('INSERT INTO updates (seq, doc_id, origin, at, data) VALUES (?, ?, ?, ?, ?)').run(seq, docId, 's', 0, update);
    db.prepare('UPDATE docs SET seq = ?, change_seq = ? WHERE id = ?').run(seq, seq, docId);
    return seq;
  };
  // A 督办 record: two events in the snapshot, a third in the tail, then a malformed entry and a repeated id.
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.transact(() => {
    doc.getMap('fields').set('kind', 'supervision');
    doc.getMap('fields').set('lead', ['市财政局']);
    doc.getArray('events').push([event('e1', 'assign'), event('e2')]);
  });
  const item = addDoc('item-1', ['市政府督查室']);
  addUpdate(item, updates[0]!);
  db.prepare('INSERT INTO snapshots (doc_id, seq, data) VALUES (?, ?, ?)').run(item, nextSeq(db) - 1, Y.encodeStateAsUpdate(doc));
  doc.getArray('events').push([event('e3', 'acknowledge')]);
  doc.getArray('events').push([{ id: 'bad', note: '不是事件' }, event('e2', 'close')]);
  addUpdate(item, updates[1]!);
  addUpdate(item, updates[2]!);
  // A note without a kind or events, and a name that only has a grant.
  const plain = new Y.Doc();
  plain.getText('body').insert(0, '正文');
  const note = addDoc('note-1', ['市工信局']);
  addUpdate(note, Y.encodeStateAsUpdate(plain));
  addDoc('granted-only', []);
  return { db, item, note, final: Y.encodeStateAsUpdate(doc) };
}

describe('sync.db schema 1 → 2: events leave the Y.Doc', () => {
  it('moves each record\'s events array into the events table, in array order, losing nothing', () => {
    const { db, item, note } = v1Database();
    const updatesBefore = db.prepare('SELECT seq, data FROM updates ORDER BY seq').all();
    const counterBefore = (db.prepare('SELECT seq FROM counter').get() as { seq: number }).seq;
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const rows = db.prepare('SELECT doc_id, seq, gseq, event_id, data FROM events ORDER BY doc_id, seq').all() as { doc_id: number; seq: number; gseq: number; event_id: string; data: string }[];
    expect(rows.map((r) => [r.doc_id, r.seq, r.event_id])).toEqual([
      [item, 1, 'e1'],
      [item, 2, 'e2'],
      [item, 3, 'e3'],
    ]);
    // Each event gets its own feed position, after everything that existed; the record is changed at the last.
    expect(rows.map((r) => r.gseq)).toEqual([counterBefore + 1, counterBefore + 2, counterBefore + 3]);
    expect(JSON.parse(rows[0]!.data)).toEqual(event('e1', 'assign'));
    expect(rows[0]!.data).toBe(eventText(RecordEvent.parse(event('e1', 'assign'))));
    const docs = db.prepare('SELECT id, name, kind, change_seq, owners, creator_units, event_owners FROM docs ORDER BY id').all() as Record<string, unknown>[];
    expect(docs.map((d) => [d.name, d.kind])).toEqual([
      ['item-1', 'supervision'],
      ['note-1', ''],
      ['granted-only', null],
    ]);
    expect(docs[0]!.change_seq).toBe(counterBefore + 3);
    // Owners stay as they were (the server re-derives the event owners at its next start).
    expect(docs[0]).toMatchObject({ owners: '["市政府督查室"]', creator_units: '[]', event_owners: '["市财政局"]' });
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'event_owners_pending'`).get()).toEqual({ value: '1' });
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'migration_2_skipped_entries'`).get()).toEqual({ value: '2' });
    // The Yjs data is untouched: every update and the snapshot are still there, byte for byte.
    expect(db.prepare('SELECT seq, data FROM updates ORDER BY seq').all()).toEqual(updatesBefore);
    expect(note).toBeGreaterThan(0);
  });

  it('gives a record that existed before the kernel access as before, and a name without a record none', () => {
    const { db } = v1Database();
    const accounts = new AccountRepository(db);
    accounts.putUser({ login: 'cz', name: '财政', units: ['市财政局'], role: 'staff' });
    accounts.putUser({ login: 'gx', name: '工信', units: ['市工信局'], role: 'staff' });
    const cz = accounts.getUser('cz')!;
    const gx = accounts.getUser('gx')!;
    expect(accounts.docMeta('item-1')).toMatchObject({ kind: 'supervision', eventOwners: ['市财政局'] });
    expect(accounts.accessFor(cz, 'item-1')).toBe('editor');
    expect(accounts.accessFor(gx, 'item-1')).toBeNull();
    expect(accounts.accessFor(gx, 'note-1')).toBe('editor');
    // No record under the name yet: anyone on staff may create it, and it holds nothing.
    expect(accounts.docMeta('granted-only')?.kind).toBeNull();
  });

  it('runs once, whoever opens the database first; a newer database is refused with a clear message', () => {
    const { db } = v1Database();
    migrate(db);
    const events = db.prepare('SELECT COUNT(*) AS n FROM events').get();
    migrate(db);
    new AccountRepository(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual(events);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'schema'`).run(String(SCHEMA_VERSION + 1));
    expect(() => migrate(db)).toThrow(SchemaTooNew);
    expect(() => migrate(db)).toThrow(/请升级同步服务器/);
  });

  it('creates schema 2 directly in a new database', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'event_owners_pending'`).get()).toBeUndefined();
    expect(() => db.prepare('SELECT doc_id, seq, gseq, event_id, data FROM events').all()).not.toThrow();
  });
});
