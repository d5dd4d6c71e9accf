import type { AccountRepository, User } from '../../core/sync/accounts';
import { inTransaction, type SqlDb, type SqlStatement } from '../../core/sync/sql';
import { migrateBlobTables } from './schema';

export interface UploadRow {
  sm3: string;
  login: string;
  size: number;
  started_at: number;
  updated_at: number;
}

/**
 * The blob tables (schema.ts) and the one access rule for blobs:
 *   a user may read a blob when a vouched ref names it in a record the user may read; while no
 *   vouched ref exists, only the users who uploaded it may (they proved they hold the bytes).
 */
export class BlobRepository {
  private readonly stmts = new Map<string, SqlStatement>();

  constructor(
    private readonly db: SqlDb,
    private readonly accounts: AccountRepository,
    private readonly now: () => number = Date.now,
  ) {
    migrateBlobTables(db);
  }

  private q(sql: string): SqlStatement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** The blob's size if the server holds it complete and verified. */
  completeSize(sm3: string): number | null {
    const row = this.q('SELECT size FROM blobs WHERE sm3 = ?').get(sm3) as { size: number } | undefined;
    return row?.size ?? null;
  }

  /**
   * A verified blob on disk. With `login` (an upload): that user has proved they hold it, so their
   * refs are vouched. Without (moved from a record's old `files`): only the blob row.
   */
  stored(sm3: string, size: number, login: string | null): void {
    const at = this.now();
    inTransaction(this.db, () => {
      this.q('INSERT OR IGNORE INTO blobs (sm3, size, stored_at) VALUES (?, ?, ?)').run(sm3, size, at);
      if (login === null) return;
      this.q('INSERT OR IGNORE INTO blob_uploaders (sm3, login, at) VALUES (?, ?, ?)').run(sm3, login, at);
      this.q('UPDATE blob_refs SET vouched = 1 WHERE sm3 = ? AND by = ?').run(sm3, login);
      this.q('DELETE FROM blob_uploads WHERE sm3 = ? AND login = ?').run(sm3, login);
    });
  }

  /**
   * The blobs a record's event (or its old `files`) refers to, written by `by` (the event's
   * authenticated actor). Idempotent. Called by the event append path with
   * `blobRefsOf(event.payload)` (core/kernel/event.ts).
   */
  addRefs(docId: number, sm3s: Iterable<string>, by: string, opts: { vouched?: boolean } = {}): void {
    const user = this.accounts.getUser(by);
    const at = this.now();
    for (const sm3 of sm3s) {
      const vouched = opts.vouched === true || this.isUploader(sm3, by) || (user !== null && this.mayRead(user, sm3));
      this.q(
        `INSERT INTO blob_refs (doc_id, sm3, by, vouched, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (doc_id, sm3, by) DO UPDATE SET vouched = MAX(vouched, excluded.vouched)`,
      ).run(docId, sm3, by, vouched ? 1 : 0, at);
    }
  }

  mayRead(user: User, sm3: string): boolean {
    if (user.disabled) return false;
    const docs = this.q('SELECT DISTINCT doc_id FROM blob_refs WHERE sm3 = ? AND vouched = 1').all(sm3) as { doc_id: number }[];
    if (docs.length === 0) return this.isUploader(sm3, user.login);
    return docs.some(({ doc_id }) => {
      const meta = this.accounts.docMetaById(doc_id);
      // Only a created record counts: anyone may create a record of a name, so a ref on a name
      // nobody has created yet opens nothing.
      return meta !== null && meta.kind !== null && this.accounts.accessForMeta(user, meta) !== null;
    });
  }

  isUploader(sm3: string, login: string): boolean {
    return this.q('SELECT 1 FROM blob_uploaders WHERE sm3 = ? AND login = ?').get(sm3, login) !== undefined;
  }

  upload(sm3: string, login: string): UploadRow | null {
    return (this.q('SELECT * FROM blob_uploads WHERE sm3 = ? AND login = ?').get(sm3, login) as UploadRow | undefined) ?? null;
  }

  startUpload(sm3: string, login: string, size: number): void {
    const at = this.now();
    this.q('INSERT OR REPLACE INTO blob_uploads (sm3, login, size, started_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(sm3, login, size, at, at);
  }

  touchUpload(sm3: string, login: string): void {
    this.q('UPDATE blob_uploads SET updated_at = ? WHERE sm3 = ? AND login = ?').run(this.now(), sm3, login);
  }

  dropUpload(sm3: string, login: string): void {
    this.q('DELETE FROM blob_uploads WHERE sm3 = ? AND login = ?').run(sm3, login);
  }

  /** Declared bytes of `login`'s unfinished uploads, other than `except`. */
  inFlight(login: string, except: string): number {
    const row = this.q('SELECT COALESCE(SUM(size), 0) AS n FROM blob_uploads WHERE login = ? AND sm3 != ?').get(login, except) as { n: number };
    return row.n;
  }

  staleUploads(before: number): UploadRow[] {
    return this.q('SELECT * FROM blob_uploads WHERE updated_at < ?').all(before) as UploadRow[];
  }

  usage(login: string, day: string): number {
    const row = this.q('SELECT bytes FROM blob_usage WHERE login = ? AND day = ?').get(login, day) as { bytes: number } | undefined;
    return row?.bytes ?? 0;
  }

  addUsage(login: string, day: string, bytes: number): void {
    if (bytes <= 0) return;
    this.q('INSERT INTO blob_usage (login, day, bytes) VALUES (?, ?, ?) ON CONFLICT (login, day) DO UPDATE SET bytes = bytes + excluded.bytes').run(login, day, bytes);
    // Old days are of no use to the quota.
    this.q('DELETE FROM blob_usage WHERE login = ? AND day < ?').run(login, day);
  }
}
