/**
 * The slice of better-sqlite3's API the shared sync-server tables are written against. It is a
 * structural interface so this folder stays pure: the server and the `oa` CLI pass their own
 * better-sqlite3 handle, and a PostgreSQL port only has to reimplement the repositories.
 */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SqlDb {
  exec(sql: string): unknown;
  prepare(sql: string): SqlStatement;
}

/** Runs `fn` in an IMMEDIATE transaction (the write lock is taken up front, so no upgrade deadlock). */
export function inTransaction<T>(db: SqlDb, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = fn();
    db.exec('COMMIT');
    return value;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Schema 1 (the first migration, migrate.ts). One SQLite file per server data directory
 * (`DIR/sync.db`), shared by the server and `oa`.
 * - `counter`: the server-wide sequence; every committed update and every access change takes
 *   the next number, which is what the changes feed is keyed on.
 * - `docs`: one row per document: its feed positions and the units that own it.
 * - `updates`: the update log (`seq` is the sequence number); `snapshots`: compacted state.
 *   Log rows older than a snapshot are kept for a while so catch-up can ship them as they are.
 * - `users`, `grants`, `revocations`: the access model (see sync-server/README.md).
 */
export const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
INSERT OR IGNORE INTO counter (id, seq) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS docs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  seq INTEGER NOT NULL DEFAULT 0,
  created_seq INTEGER NOT NULL,
  acl_seq INTEGER NOT NULL DEFAULT 0,
  change_seq INTEGER NOT NULL,
  pruned_seq INTEGER NOT NULL DEFAULT 0,
  owners TEXT NOT NULL DEFAULT '[]',
  content_owners TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS docs_change ON docs (change_seq);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL,
  origin TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_doc ON updates (doc_id, seq);
CREATE TABLE IF NOT EXISTS snapshots (doc_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  login TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  units TEXT NOT NULL,
  role TEXT NOT NULL,
  password TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  acl_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS grants (
  doc_id INTEGER NOT NULL,
  login TEXT NOT NULL,
  role TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (doc_id, login)
);
CREATE INDEX IF NOT EXISTS grants_login ON grants (login);
CREATE TABLE IF NOT EXISTS revocations (
  login TEXT NOT NULL,
  doc_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (login, doc_id)
);
CREATE INDEX IF NOT EXISTS revocations_seq ON revocations (login, seq);
`;

/** Takes the next server-wide sequence number. Call inside a transaction. */
export function nextSeq(db: SqlDb): number {
  const row = db.prepare('UPDATE counter SET seq = seq + 1 WHERE id = 1 RETURNING seq').get() as { seq: number } | undefined;
  if (!row || typeof row.seq !== 'number') throw new Error('sequence counter missing');
  return row.seq;
}
