import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { BLOB_DB_FILE, BLOB_DB_VERSION, BlobDbTooNew, openBlobDb } from './blob-db';

afterEach(removeTempDirs);

describe('blobs.db migrations', () => {
  it('0 → 1: an empty file gets the blob table and meta, and says it was created', () => {
    const dir = tempDir('xietong-blobdb-');
    const { db, created } = openBlobDb(dir, { target: 1 });
    expect(created).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare(`INSERT INTO blobs (sm3, state, size, origin, created_at, updated_at) VALUES ('a', 'wanted', NULL, 'remote', 1, 1)`).run();
    expect(() => db.prepare(`INSERT INTO blobs (sm3, state, origin, created_at, updated_at) VALUES ('b', 'lost', 'remote', 1, 1)`).run()).toThrow(/CHECK/);
    db.close();
    const again = openBlobDb(dir);
    expect(again.created).toBe(false);
    expect(again.db.prepare('SELECT state FROM blobs').pluck().all()).toEqual(['wanted']);
    again.db.close();
  });

  it('refuses a file written by a newer version, leaving it untouched', () => {
    const dir = tempDir('xietong-blobdb-');
    const raw = new Database(path.join(dir, BLOB_DB_FILE));
    raw.pragma(`user_version = ${BLOB_DB_VERSION + 1}`);
    raw.close();
    expect(() => openBlobDb(dir)).toThrow(BlobDbTooNew);
    const check = new Database(path.join(dir, BLOB_DB_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(BLOB_DB_VERSION + 1);
    check.close();
  });
});
