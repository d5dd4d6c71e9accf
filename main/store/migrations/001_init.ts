import type { Migration } from './types';

/**
 * The source of truth: one row per record, its latest snapshot and the updates since.
 * `rid` is the integer key every other table uses (the FTS rowid too); `id` is the public UUID.
 */
export const migration001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE records (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        -- updates appended since the snapshot; compaction runs when it passes the threshold
        pending INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX records_by_kind ON records(kind);
      -- Y.encodeStateAsUpdate of the record's doc, covering every update already deleted
      CREATE TABLE snapshots (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        data BLOB NOT NULL
      );
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY,
        rid INTEGER NOT NULL REFERENCES records(rid),
        data BLOB NOT NULL
      );
      CREATE INDEX updates_by_record ON updates(rid, seq);
    `);
  },
};
