import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../core/sync/migrate';
import { BLOB_SCHEMA_VERSION, blobSchemaVersion, migrateBlobTables } from './schema';

describe('blob tables in sync.db', () => {
  it('0 → 1: a server database from before blobs gets the blob tables; running again changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO docs (name, created_seq, change_seq) VALUES ('旧记录', 1, 1)`).run();
    expect(blobSchemaVersion(db)).toBe(0);
    migrateBlobTables(db, 1);
    expect(blobSchemaVersion(db)).toBe(1);
    db.prepare(`INSERT INTO blob_refs (doc_id, sm3, by, at) VALUES (1, 'x', 'alice', 0)`).run();
    migrateBlobTables(db);
    expect(db.prepare('SELECT vouched FROM blob_refs').pluck().all()).toEqual([0]);
    expect(db.prepare('SELECT name FROM docs').pluck().all()).toEqual(['旧记录']);
    expect(BLOB_SCHEMA_VERSION).toBe(1);
  });

  it('refuses tables written by a newer server', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('blobs_schema', '99')`).run();
    expect(() => migrateBlobTables(db)).toThrow(/newer/);
  });
});
