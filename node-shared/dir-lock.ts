import Database, { type Database as Db } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export interface DirLockOptions {
  /** The lock file's name inside the directory (a small SQLite database). */
  file: string;
  /** A pid-file lock of older versions, removed once this lock is held (it is stale then). */
  legacyFile?: string;
  /** How long to wait for a lock being released (a process that is just exiting). */
  waitMs?: number;
  /** better-sqlite3's compiled module for another ABI (Electron). */
  nativeBinding?: string;
  /** Called once the file is open, just before the lock is taken (tests pause a racer here). */
  beforeLock?: () => void;
}

/**
 * Every lock this process holds. A better-sqlite3 connection that is garbage-collected is closed,
 * which would drop the operating system's lock while the process still believes it holds it
 * (a caller that did not keep the returned object): held here until release().
 */
const HELD = new Set<DirLock>();

/** The directory is locked by a live process. */
export class DirLockedError extends Error {}

/**
 * One process per directory, held by the operating system: an exclusive SQLite lock (an fcntl
 * lock) on `<dir>/<file>`, taken by `BEGIN EXCLUSIVE` and kept by leaving that transaction open
 * until `release()` or the process ends — however it ends: the kernel drops the lock when the
 * process's files are closed, before it is even reaped, so a restart right after a SIGKILL gets
 * in, and a reused pid means nothing. Of several processes starting at once exactly one gets in.
 * Not `locking_mode=EXCLUSIVE`: in that mode a racer keeps the read lock it took while it retries
 * for the write lock, so two racers could each wait for the other until both gave up (seen in CI:
 * 4 processes, none let in). Used for the app's profile (main/app/profile-lock.ts) and the sync
 * server's data directory (sync-server/data-lock.ts).
 */
export class DirLock {
  private constructor(private db: Db | null) {}

  /** Takes the lock; throws DirLockedError when another process holds it. */
  static acquire(dir: string, opts: DirLockOptions): DirLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, opts.file);
    let db: Db | undefined;
    try {
      db = new Database(file, { timeout: opts.waitMs ?? 1000, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
      // Nothing here needs to survive a crash: no journal file, no fsync.
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      opts.beforeLock?.();
      // SHARED, RESERVED, then EXCLUSIVE within the busy timeout; a racer that loses RESERVED drops
      // its read lock before it retries, so the one holding RESERVED always gets through.
      db.exec('BEGIN EXCLUSIVE');
      db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, since TEXT)');
      db.prepare('INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)').run(process.pid, new Date().toISOString());
      // Never committed: the open transaction is the lock.
    } catch (err) {
      db?.close();
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) throw new DirLockedError(dir);
      // Not replaced automatically: two processes replacing it at once could both get in.
      if (typeof code === 'string' && (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'))) {
        throw new Error(`锁文件已损坏:${file}。请确认没有其他进程在使用该目录后删除此文件,再重新启动`);
      }
      throw err;
    }
    if (opts.legacyFile) fs.rmSync(path.join(dir, opts.legacyFile), { force: true });
    const lock = new DirLock(db);
    HELD.add(lock);
    return lock;
  }

  release(): void {
    try {
      this.db?.close();
    } catch {
      // Closing is best effort: the lock goes with the process anyway.
    }
    this.db = null;
    HELD.delete(this);
  }
}
