import Database, { type Database as Db } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `<profile>/blobs/blobs.db`: the state of each blob on this machine. A separate small file, not a
 * table of the profile's store, because (1) it is an index of files that can be rebuilt by
 * scanning the blob folder (blob-store.ts does so when the file is missing or corrupt), so it
 * must not share the fate of the records' database, and (2) the store's migrations belong to the
 * record kernel. Migrations are numbered by `PRAGMA user_version`, each tested N-1 → N.
 *
 * blobs: one row per blob this machine has, is receiving or wants.
 *   state     present (verified file in `ab/<sm3>`) | partial (download under way in
 *             `partial/<sm3>`, `received` bytes so far) | wanted (a record refers to it, no bytes yet)
 *   size      total bytes (null while wanted and not known yet)
 *   origin    local (uploaded on this machine) | remote (downloaded) | migrated (from a record's `files`)
 *   share     a record on this machine refers to it: it must reach the sync server
 *   uploaded  the sync server is known to have it
 *   checked_mtime, checked_size  the file as it was when its SM3 was last verified: a file that
 *             changed since is verified again before any byte of it is served
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the blob table and a key-value meta (profile settings such as the file size limit).
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE blobs (
     sm3 TEXT PRIMARY KEY,
     state TEXT NOT NULL CHECK (state IN ('present', 'partial', 'wanted')),
     size INTEGER,
     received INTEGER NOT NULL DEFAULT 0,
     origin TEXT NOT NULL CHECK (origin IN ('local', 'remote', 'migrated')),
     share INTEGER NOT NULL DEFAULT 0,
     uploaded INTEGER NOT NULL DEFAULT 0,
     checked_mtime REAL,
     checked_size INTEGER,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX blobs_transfer ON blobs (state, share, uploaded);`,
];
export const BLOB_DB_VERSION = MIGRATIONS.length;
export const BLOB_DB_FILE = 'blobs.db';

export class BlobDbTooNew extends Error {}

/** Applies the migrations after the file's version, up to `target` (tests stop early), each in a transaction. */
export function migrateBlobDb(db: Db, target = BLOB_DB_VERSION): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > BLOB_DB_VERSION) throw new BlobDbTooNew(`附件索引由更新版本的程序创建(版本 ${version}),请升级本程序`);
  for (let v = version; v < target; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * Opens (creating) the index. `created` says the file did not exist: the caller rebuilds it by
 * scanning. A file that is not a database throws (SQLITE_NOTADB / CORRUPT): the caller sets it
 * aside and starts a new one.
 */
export function openBlobDb(dir: string, opts: { nativeBinding?: string; target?: number } = {}): { db: Db; created: boolean } {
  const file = path.join(dir, BLOB_DB_FILE);
  const created = !fs.existsSync(file);
  const db = new Database(file, { timeout: 1000, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    db.pragma('schema_version', { simple: true });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrateBlobDb(db, opts.target);
    return { db, created };
  } catch (err) {
    db.close();
    throw err;
  }
}
