import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { defineArea } from '../../core/kernel/area';
import { createRegistry } from '../../core/kernel/registry';
import { z } from 'zod';
import { areaVersions, migrateAreas } from './area-migrate';
import { openDatabase } from './open-db';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';

afterEach(() => removeTempDirs());

/** Columns (name, type, not null, default, pk) and indexes (name, columns, partial) of a table. */
function shape(db: Database, table: string) {
  const columns = db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(table);
  const indexes = (db.prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c' ORDER BY name`).all(table) as Array<{ name: string }>).map((i) => ({
    name: i.name,
    columns: db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(i.name),
  }));
  return { columns, indexes };
}

const PRE_KERNEL_TABLES = ['supervision', 'supervision_units', 'supervision_projects', 'incoming', 'documents'];

describe('area migrations', () => {
  it('each area 0 → N: creates its tables, records its version, runs once, and asks for a rebuild', () => {
    const db = openDatabase(tempDir());
    db.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    migrateAreas(db, AREAS);
    expect(Object.fromEntries(areaVersions(db))).toEqual({ supervision: 2, incoming: 2, document: 2, proposal: 1, petition: 1 });
    for (const area of AREAS.areas) for (const table of area.projection?.tables ?? []) expect(shape(db, table).columns.length).toBeGreaterThan(0);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'needs_reindex'").pluck().get()).toBe('1');
    // A second run changes nothing.
    db.prepare("DELETE FROM meta WHERE key = 'needs_reindex'").run();
    migrateAreas(db, AREAS);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'needs_reindex'").pluck().get()).toBeUndefined();
    db.close();
  });

  it('the areas’ tables have the columns and indexes of the store’s migrations 2–6 (so list plans stay), plus the rid index for deletes and the 公文 workflow’s columns (收文/发文 version 2)', () => {
    const before = openDatabase(tempDir(), { targetVersion: 6 });
    const after = openDatabase(tempDir());
    migrateAreas(after, AREAS);
    const workflowColumns: Record<string, string[]> = {
      incoming: ['phase', 'unit', 'doc_kind', 'receipt_year', 'receipt_serial', 'receipt_no', 'due_date', 'source_id'],
      documents: ['phase', 'unit', 'number_code', 'number_year', 'number_seq', 'number_local', 'source_id'],
    };
    const workflowIndexes: Record<string, { name: string; columns: string[] }[]> = {
      incoming: [
        { name: 'incoming_by_phase', columns: ['phase', 'received_at', 'rid'] },
        { name: 'incoming_by_receipt', columns: ['unit', 'receipt_year', 'receipt_serial'] },
        { name: 'incoming_by_source', columns: ['source_id'] },
      ],
      documents: [
        { name: 'documents_by_number', columns: ['number_code', 'number_year', 'number_seq'] },
        { name: 'documents_by_phase', columns: ['phase', 'created_at', 'rid'] },
        { name: 'documents_by_source', columns: ['source_id'] },
      ],
    };
    for (const table of PRE_KERNEL_TABLES) {
      const old = shape(before, table);
      const now = shape(after, table);
      expect(now.columns.slice(0, old.columns.length), table).toEqual(old.columns);
      expect(now.columns.slice(old.columns.length).map((c) => (c as { name: string }).name), table).toEqual(workflowColumns[table] ?? []);
      const added = table === 'supervision_units' ? [{ name: 'supervision_units_by_rid', columns: ['rid'] }] : (workflowIndexes[table] ?? []);
      expect(now.indexes, table).toEqual([...old.indexes, ...added].sort((a, b) => (a.name < b.name ? -1 : 1)));
    }
    before.close();
    after.close();
  });

  it('N-1 → N for an area: only the new step runs, and the store rebuilds its rows from the log', () => {
    const dir = tempDir();
    const memoV1 = defineArea<null, { kind: string; title: string }>({
      kind: 'memo',
      label: '便函',
      fields: z.object({ kind: z.string(), title: z.string().catch('') }),
      events: {},
      initial: () => null,
      rules: {},
      can: () => null,
      projection: {
        tables: ['memo'],
        migrations: ['CREATE TABLE memo (rid INTEGER PRIMARY KEY, title TEXT NOT NULL)'],
        rows: (view) => ({ memo: [{ title: view.fields.title }] }),
      },
      search: (view) => ({ title: view.fields.title, body: view.body, notes: '' }),
    });
    const v1 = Store.open({ dir, registry: createRegistry([...AREAS.areas, memoV1]) });
    const id = v1.create('memo', (doc) => doc.getMap('fields').set('title', '关于会议室使用的便函'));
    v1.create('supervision', supervision({ title: '不受影响的督办事项' }));
    v1.close();

    const memoV2 = defineArea({
      ...memoV1,
      projection: {
        tables: ['memo'],
        migrations: [...memoV1.projection!.migrations, "ALTER TABLE memo ADD COLUMN length INTEGER NOT NULL DEFAULT 0"],
        rows: (view) => ({ memo: [{ title: view.fields.title, length: view.fields.title.length }] }),
      },
    });
    const v2 = Store.open({ dir, registry: createRegistry([...AREAS.areas, memoV2]) });
    const db = v2.use((d) => d);
    expect(Object.fromEntries(areaVersions(db))).toMatchObject({ memo: 2, supervision: 2 });
    expect(db.prepare('SELECT m.title, m.length FROM memo m JOIN records r USING (rid) WHERE r.id = ?').get(id)).toEqual({ title: '关于会议室使用的便函', length: 10 });
    v2.close();

    // A build that knows only version 1 refuses the file rather than guess.
    expect(() => Store.open({ dir, registry: createRegistry([...AREAS.areas, memoV1]) })).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
  });
});
