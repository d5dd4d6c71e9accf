import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrate, schemaVersion } from './migrate';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { openDatabase } from './open-db';
import { eventsOf } from '../../core/records/record-doc';
import { makeEvent, SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';
import { supervisionRepo } from '../supervision/repository';

afterEach(() => removeTempDirs());

const tables = (db: Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
const meta = (db: Database, key: string) =>
  (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;

/** A record written straight into the log, the way any older version would have. */
function insertRecord(db: Database, id: string, title: string): number {
  const doc = new Y.Doc();
  supervision({ title, lead: ['市审批管理局'], body: `${title}的正文` })(doc);
  const rid = Number(
    db.prepare("INSERT INTO records(id, kind, created_at) VALUES (?, 'supervision', '2022-05-08')").run(id).lastInsertRowid,
  );
  db.prepare('INSERT INTO snapshots(rid, data) VALUES (?, ?)').run(rid, Y.encodeStateAsUpdate(doc));
  return rid;
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
  });

  it('0 → 1: creates the update log', () => {
    const db = openDatabase(tempDir(), { targetVersion: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['meta', 'records', 'snapshots', 'updates']));
    expect(tables(db)).not.toContain('supervision');
    db.close();
  });

  it('1 → 2: adds the projections, keeps the log and asks for a rebuild', () => {
    const dir = tempDir();
    const v1 = openDatabase(dir, { targetVersion: 1 });
    insertRecord(v1, 'old-1', '旧版本的事项');
    v1.close();

    const v2 = openDatabase(dir, { targetVersion: 2 });
    expect(schemaVersion(v2)).toBe(2);
    expect(tables(v2)).toEqual(expect.arrayContaining(['supervision', 'supervision_units', 'incoming']));
    expect(v2.prepare('SELECT id FROM records').all()).toEqual([{ id: 'old-1' }]);
    expect(meta(v2, 'needs_reindex')).toBe('1');
    v2.close();

    const store = Store.open({ dir });
    expect(supervisionRepo(store).list({ lead: '市审批管理局' }).rows.map((r) => r.title)).toEqual(['旧版本的事项']);
    store.close();
  });

  it('2 → 3: adds the full-text index and fills it from the log on the next open', () => {
    const dir = tempDir();
    const v2 = openDatabase(dir, { targetVersion: 2 });
    const rid = insertRecord(v2, 'old-2', '数字政府建设');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (v2.prepare('SELECT data FROM snapshots WHERE rid = ?').get(rid) as { data: Buffer }).data);
    // A fully indexed version-2 profile: projections written (with version 2's columns), no rebuild pending.
    v2.prepare(
      `INSERT INTO supervision(rid, id, code, title, section, subsection, ord, lead, responsible, deadline, deadline_key,
        status, conflict, progress_note, source_id, updated_at)
       VALUES (?, 'old-2', '', '数字政府建设', '', '', 0, '["市审批管理局"]', '[]', NULL, '9999-12-31', 'in_progress', 0, '', NULL, '')`,
    ).run(rid);
    v2.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    v2.close();

    const v3 = openDatabase(dir, { targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    expect(tables(v3)).toEqual(expect.arrayContaining(['search', 'search_text']));
    expect(meta(v3, 'needs_reindex')).toBe('1');
    expect(v3.prepare('SELECT title FROM supervision').all()).toEqual([{ title: '数字政府建设' }]);
    v3.close();

    const store = Store.open({ dir });
    expect(store.search({ q: '数字政府' }).hits.map((h) => h.id)).toEqual(['old-2']);
    store.close();
    const reopened = openDatabase(dir);
    expect(meta(reopened, 'needs_reindex')).toBeUndefined();
    reopened.close();
  });

  it('3 → 4: adds the lifecycle columns and 待办/已办 tables, and rebuilds the light inputs from the log', () => {
    const dir = tempDir();
    const v3 = openDatabase(dir, { targetVersion: 3 });
    const rid = insertRecord(v3, 'old-3', '政务服务平台');
    v3.prepare(
      `INSERT INTO supervision(rid, id, code, title, section, subsection, ord, lead, responsible, deadline, deadline_key,
        status, conflict, progress_note, source_id, updated_at)
       VALUES (?, 'old-3', '', '政务服务平台', '', '', 0, '["市审批管理局"]', '[]', NULL, '9999-12-31', 'in_progress', 0, '', NULL, '')`,
    ).run(rid);
    v3.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    v3.close();

    const v4 = openDatabase(dir, { targetVersion: 4 });
    expect(schemaVersion(v4)).toBe(4);
    expect(tables(v4)).toEqual(expect.arrayContaining(['supervision_projects', 'supervision_todo', 'supervision_done']));
    const columns = (v4.prepare('PRAGMA table_info(supervision)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['ack_key', 'report_key', 'milestone_key', 'done', 'progress', 'parent_id']));
    expect(meta(v4, 'needs_reindex')).toBe('1');
    v4.close();

    // The rebuild re-derives the row: no events → 待交办, the supervisor's 待办 says so.
    const store = Store.open({ dir });
    expect(supervisionRepo(store).list({}).rows).toEqual([
      expect.objectContaining({ id: 'old-3', status: 'draft', light: 'green', progress: 0 }),
    ]);
    expect(supervisionRepo(store).todo(['role:supervisor'], { today: '2022-07-05' }).map((t) => t.kind)).toEqual(['assign']);
    store.close();
  });

  it('6 → 7: moves each record’s Y.Array events into record_events as pending (array order), adds the kernel tables, drops the old projections and rebuilds', () => {
    const dir = tempDir();
    const v6 = openDatabase(dir, { targetVersion: 6 });
    const doc = new Y.Doc();
    supervision({ title: '升级前的事项', lead: ['市审批管理局'] })(doc);
    const signed = { ...makeEvent('assign', SUPERVISOR, { assignments: [{ unit: '市审批管理局', role: 'lead' }] }, { id: 'e-assign', at: '2022-06-01T00:00:00.000Z' }), sig: '{"v":1}' };
    const report = makeEvent('report', SPJ, { unit: '市审批管理局', text: '已启动', percent: 10 }, { id: 'e-report', basis: 'e-assign', at: '2022-06-02T00:00:00.000Z' });
    eventsOf(doc).push([signed, { not: 'an event' }, report]);
    const rid = Number(v6.prepare("INSERT INTO records(id, kind, created_at) VALUES ('old-6', 'supervision', '2022-05-08')").run().lastInsertRowid);
    v6.prepare('INSERT INTO snapshots(rid, data) VALUES (?, ?)').run(rid, Y.encodeStateAsUpdate(doc));
    v6.prepare("INSERT INTO notifications_sent(login, key, at) VALUES ('spj.zhang', 'k1', '2022-06-20')").run();
    v6.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    v6.close();

    const v7 = openDatabase(dir, { targetVersion: 7 });
    expect(schemaVersion(v7)).toBe(7);
    expect(tables(v7)).toEqual(expect.arrayContaining(['record_events', 'todo', 'done', 'deadlines', 'notices', 'area_schema', 'notifications_sent']));
    for (const old of ['supervision', 'supervision_units', 'supervision_projects', 'supervision_todo', 'supervision_done', 'incoming', 'documents']) expect(tables(v7)).not.toContain(old);
    const moved = v7.prepare('SELECT event_id, status, seq, local_order, data FROM record_events WHERE rid = ? ORDER BY local_order').all(rid) as Array<{ event_id: string; status: string; seq: null; local_order: number; data: string }>;
    expect(moved.map((e) => [e.event_id, e.status, e.seq, e.local_order])).toEqual([
      ['e-assign', 'pending', null, 1],
      ['e-report', 'pending', null, 2],
    ]);
    // Stored as it was signed: same fields and values, signature included.
    expect(JSON.parse(moved[0]!.data)).toEqual(signed);
    expect(meta(v7, 'needs_reindex')).toBe('1');
    // The Y.Array stays in the doc: history is not rewritten.
    const kept = new Y.Doc();
    Y.applyUpdate(kept, (v7.prepare('SELECT data FROM snapshots WHERE rid = ?').get(rid) as { data: Buffer }).data);
    expect(eventsOf(kept).length).toBe(3);
    v7.close();

    const store = Store.open({ dir });
    expect(supervisionRepo(store).list({}).rows).toEqual([expect.objectContaining({ id: 'old-6', status: 'in_progress', progress: 10 })]);
    expect(store.pendingEvents().map((p) => p.event.id)).toEqual(['e-assign', 'e-report']);
    expect(store.use((db) => db).prepare('SELECT key FROM notifications_sent').pluck().all()).toEqual(['k1']);
    store.close();
  });

  it('a migration that fails leaves the file at the previous version', () => {
    const db = openDatabase(tempDir(), { targetVersion: 1 });
    const broken = [
      MIGRATIONS[0]!,
      {
        version: 2,
        name: 'broken',
        up(d: Database) {
          d.exec('CREATE TABLE half_done(x)');
          throw new Error('migration failed');
        },
      },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow('migration failed');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('rejects a list with a gap', () => {
    const db = openDatabase(tempDir(), { targetVersion: 0 });
    expect(() => migrate(db, { migrations: [{ ...MIGRATIONS[0]!, version: 2 }] })).toThrow(/expected 1/);
    db.close();
  });
});
