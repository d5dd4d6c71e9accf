import { inTransaction, type SqlDb } from '../../core/sync/sql';

/**
 * The blob tables in `sync.db`, versioned on their own (meta key `blobs_schema`) so they do not
 * take numbers from the server's schema (core/sync/sql.ts). Numbered; each tested N-1 → N.
 *
 * - `blobs`: complete, verified blobs on disk (`<data>/blobs/ab/<sm3>`).
 * - `blob_uploads`: uploads under way, per uploader (their bytes in `tmp/`); resumable.
 * - `blob_uploaders`: who sent a blob's every byte (proof that they hold it).
 * - `blob_refs`: which record refers to which blob, and by whom. A ref lets readers of the record
 *   read the blob only once it is `vouched`: its author uploaded the blob or could already read
 *   it. So knowing a hash is not enough to reach someone else's file by naming it in an event.
 * - `blob_usage`: bytes received per user and day (the daily upload quota).
 */
export const BLOB_MIGRATIONS: readonly string[] = [
  `CREATE TABLE blobs (sm3 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at INTEGER NOT NULL);
   CREATE TABLE blob_uploads (
     sm3 TEXT NOT NULL, login TEXT NOT NULL, size INTEGER NOT NULL,
     started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     PRIMARY KEY (sm3, login)
   );
   CREATE TABLE blob_uploaders (sm3 TEXT NOT NULL, login TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (sm3, login));
   CREATE TABLE blob_refs (
     doc_id INTEGER NOT NULL, sm3 TEXT NOT NULL, by TEXT NOT NULL,
     vouched INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL,
     PRIMARY KEY (doc_id, sm3, by)
   );
   CREATE INDEX blob_refs_sm3 ON blob_refs (sm3, vouched);
   CREATE TABLE blob_usage (login TEXT NOT NULL, day TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (login, day));`,
];
export const BLOB_SCHEMA_VERSION = BLOB_MIGRATIONS.length;

export function blobSchemaVersion(db: SqlDb): number {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'blobs_schema'`).get() as { value?: string } | undefined;
  return row?.value ? Number(row.value) : 0;
}

/** Brings the blob tables to `target` (default: the newest). The server's own tables must exist (migrate() first). */
export function migrateBlobTables(db: SqlDb, target = BLOB_SCHEMA_VERSION): void {
  const version = blobSchemaVersion(db);
  if (version > BLOB_SCHEMA_VERSION) throw new Error(`blob tables are newer (${version}) than this server knows (${BLOB_SCHEMA_VERSION}); upgrade the server`);
  for (let v = version; v < target; v++) {
    inTransaction(db, () => {
      db.exec(BLOB_MIGRATIONS[v]!);
      db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('blobs_schema', ?)`).run(String(v + 1));
    });
  }
}
