import Database, { type Database as Db } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/result';
import { toStoreError } from './errors';
import { checkAtOpen, markOpen } from './integrity';
import { migrate } from './migrate';

export const DB_FILE_NAME = 'xietong.db';

export interface OpenDbOptions {
  /** How long to wait for another connection's lock before reporting STORE_LOCKED. */
  busyTimeoutMs?: number;
  /** Stop at this schema version (migration tests). */
  targetVersion?: number;
  /** better-sqlite3's compiled module for another ABI (Electron in development, see scripts/start.mjs). */
  nativeBinding?: string;
  /** The clock of the weekly integrity check (integrity.ts). */
  now?: () => number;
}

/**
 * Opens `<dir>/xietong.db`: exclusive locking, WAL, synchronous=FULL, then migrations.
 *
 * - `locking_mode=EXCLUSIVE` is set before WAL is entered, so there is no -shm file and the
 *   first write takes a lock held until close: a second process gets SQLITE_BUSY → STORE_LOCKED
 *   instead of silently diverging from this process's cached documents.
 * - `synchronous=FULL` in WAL mode fsyncs the WAL on every commit, so a change() that returned
 *   survives a killed process and a power cut (NORMAL would survive only the former).
 * - Nothing is written before the file has been checked: a file that is not a database fails on
 *   the first statement (SQLITE_NOTADB), one with damaged pages on `PRAGMA quick_check` (after
 *   a session that did not close cleanly, weekly, or never checked: integrity.ts); both →
 *   STORE_CORRUPT naming the file and what to do, the file left exactly as it was.
 */
export function openDatabase(dir: string, opts: OpenDbOptions = {}): Db {
  const { db, sound } = openUnmarked(dir, opts);
  markOpen(db, sound, (opts.now ?? Date.now)());
  return db;
}

/**
 * `openDatabase` without recording the session as open: the store records it once it has read
 * its schema (a damaged full-text index fails there), so a damaged file is never written.
 * `sound`: checked at open, or new (integrity.ts).
 */
export function openUnmarked(dir: string, opts: OpenDbOptions = {}): { db: Db; sound: boolean } {
  const file = path.join(dir, DB_FILE_NAME);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new AppError('STORE_UNAVAILABLE', `无法创建数据目录:${dir}(${(err as Error).message})`);
  }
  let db: Db | undefined;
  try {
    db = new Database(file, {
      timeout: opts.busyTimeoutMs ?? 1000,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    // Reading the header first: a file that is not a database fails here, before any write.
    db.pragma('schema_version', { simple: true });
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // After a crash, weekly, or never before: every page is read before anything is written, so
    // damaged pages are reported now, naming the file, instead of as odd failures later.
    const sound = checkAtOpen(db, file, (opts.now ?? Date.now)());
    // Take the write lock now, so a second process fails at open and not at its first edit.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    migrate(db, opts.targetVersion === undefined ? {} : { target: opts.targetVersion });
    return { db, sound };
  } catch (err) {
    try {
      db?.close();
    } catch {
      // The original error is the one worth reporting.
    }
    throw toStoreError(err, file);
  }
}
