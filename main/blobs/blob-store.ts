import type { Database as Db } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DEFAULT_MAX_BLOB_MIB, MAX_BLOB_MIB_CEILING, MiB } from '../../core/blobs/limits';
import type { BlobStatus } from '../../core/ipc/blobs';
import { AppError } from '../../core/result';
import { BLOB_DB_FILE, openBlobDb } from './blob-db';
import { BlobFiles } from './blob-files';

export type BlobOrigin = 'local' | 'remote' | 'migrated';

export interface BlobRow {
  sm3: string;
  state: 'present' | 'partial' | 'wanted';
  size: number | null;
  received: number;
  origin: BlobOrigin;
  share: number;
  uploaded: number;
  checked_mtime: number | null;
  checked_size: number | null;
}

export interface BlobStoreOptions {
  /** The profile folder: blobs live in `<dir>/blobs`. */
  dir: string;
  now?: () => number;
  /** better-sqlite3 built for Electron's ABI (as the store takes it). */
  nativeBinding?: string;
}

/** Progress is written to the index at most this often while a download runs (and at its end). */
const PROGRESS_STEP = 4 * MiB;

/**
 * The profile's blob store: files named by their SM3 (blob-files.ts) and their state in
 * `blobs.db` (blob-db.ts). A blob is served only once its bytes have been checked against its
 * name; a file that changed on disk since (size or modification time) is checked again before
 * any byte of it is read, and set aside if it no longer matches (then it is wanted again).
 */
export class BlobStore {
  readonly files: BlobFiles;
  private readonly now: () => number;
  /** Bytes received by downloads under way, ahead of the index (which is updated every few MiB). */
  private readonly live = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly db: Db,
    files: BlobFiles,
    now: () => number,
  ) {
    this.files = files;
    this.now = now;
  }

  static open(opts: BlobStoreOptions): BlobStore {
    const root = path.join(opts.dir, 'blobs');
    const files = new BlobFiles(root);
    files.clearUploads();
    const nb = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {};
    let opened: ReturnType<typeof openBlobDb>;
    try {
      opened = openBlobDb(root, nb);
    } catch (err) {
      if (!/NOTADB|CORRUPT/.test(String((err as { code?: unknown }).code ?? ''))) throw err;
      // The index only describes files that are still here: set it aside and rebuild it.
      const file = path.join(root, BLOB_DB_FILE);
      const stamp = Date.now();
      for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, `${file}.corrupt-${stamp}${suffix}`);
      opened = openBlobDb(root, nb);
    }
    const store = new BlobStore(opened.db, files, opts.now ?? Date.now);
    if (opened.created) store.adoptUnindexed();
    return store;
  }

  close(): void {
    this.listeners.clear();
    this.db.close();
  }

  /** Told when there may be something new to upload or download (blob-transfer.ts wakes up). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The largest file this profile accepts (a profile setting; 200 MiB by default). */
  maxBytes(): number {
    const raw = (this.db.prepare(`SELECT value FROM meta WHERE key = 'max_blob_mib'`).pluck().get() as string | undefined) ?? '';
    const mib = Number(raw);
    return (Number.isInteger(mib) && mib > 0 ? mib : DEFAULT_MAX_BLOB_MIB) * MiB;
  }

  setMaxMib(mib: number): void {
    if (!Number.isInteger(mib) || mib < 1 || mib > MAX_BLOB_MIB_CEILING) throw new AppError('BAD_INPUT', `附件大小上限应为 1–${MAX_BLOB_MIB_CEILING} MiB 的整数`);
    this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('max_blob_mib', ?)`).run(String(mib));
  }

  row(sm3: string): BlobRow | null {
    return (this.db.prepare('SELECT * FROM blobs WHERE sm3 = ?').get(sm3) as BlobRow | undefined) ?? null;
  }

  has(sm3: string): boolean {
    return this.row(sm3)?.state === 'present';
  }

  status(sm3s: readonly string[]): BlobStatus[] {
    return sm3s.map((sm3) => {
      const r = this.row(sm3);
      if (!r) return { sm3, state: 'missing', received: 0, size: null, uploaded: false };
      if (r.state === 'present') return { sm3, state: 'present', received: r.size ?? 0, size: r.size, uploaded: r.uploaded === 1 };
      const received = this.live.get(sm3) ?? r.received;
      return { sm3, state: received > 0 || r.state === 'partial' ? 'syncing' : 'missing', received, size: r.size, uploaded: false };
    });
  }

  /** A record here refers to this blob: fetch it if it is not here (no-op when it is known). */
  want(sm3: string, size: number | null): void {
    const row = this.row(sm3);
    if (row) {
      if (row.size === null && size !== null) this.db.prepare('UPDATE blobs SET size = ? WHERE sm3 = ?').run(size, sm3);
      return;
    }
    const at = this.now();
    this.db.prepare(`INSERT INTO blobs (sm3, state, size, origin, created_at, updated_at) VALUES (?, 'wanted', ?, 'remote', ?, ?)`).run(sm3, size, at, at);
    this.changed();
  }

  /** A record here refers to these blobs: those present must reach the server (blob-transfer.ts). */
  share(sm3s: Iterable<string>): void {
    const stmt = this.db.prepare('UPDATE blobs SET share = 1, updated_at = ? WHERE sm3 = ? AND share = 0');
    let changed = 0;
    this.db.transaction(() => {
      for (const sm3 of sm3s) changed += stmt.run(this.now(), sm3).changes;
    })();
    if (changed > 0) this.changed();
  }

  /** Present, referenced here and not known to be on the server. */
  pendingUploads(): BlobRow[] {
    return this.db.prepare(`SELECT * FROM blobs WHERE state = 'present' AND share = 1 AND uploaded = 0 ORDER BY created_at`).all() as BlobRow[];
  }

  /** Wanted or half-downloaded. */
  pendingDownloads(): BlobRow[] {
    return this.db.prepare(`SELECT * FROM blobs WHERE state IN ('wanted', 'partial') ORDER BY created_at`).all() as BlobRow[];
  }

  /**
   * No record here names the blob any more (its record was removed: access withdrawn): the file,
   * any partial download and its row go. It is fetched again if a record names it later.
   */
  async discard(sm3: string): Promise<void> {
    this.db.prepare('DELETE FROM blobs WHERE sm3 = ?').run(sm3);
    this.live.delete(sm3);
    await fs.promises.rm(this.files.final(sm3), { force: true });
    await fs.promises.rm(this.files.partial(sm3), { force: true });
  }

  markUploaded(sm3: string): void {
    this.db.prepare('UPDATE blobs SET uploaded = 1, updated_at = ? WHERE sm3 = ?').run(this.now(), sm3);
  }

  /**
   * Makes a file whose SM3 the caller has computed (it wrote the bytes) the blob `sm3`. The same
   * blob already here: the file is dropped and only the flags are merged.
   */
  async adopt(tmp: string, sm3: string, size: number, origin: BlobOrigin, flags: { share?: boolean; uploaded?: boolean } = {}): Promise<void> {
    const existing = this.row(sm3);
    const onDisk = existing?.state === 'present' ? await this.files.stat(this.files.final(sm3)) : null;
    let stat: fs.Stats | null = null;
    if (onDisk && onDisk.size === size) await fs.promises.rm(tmp, { force: true });
    else stat = await this.files.promote(tmp, sm3);
    const at = this.now();
    this.live.delete(sm3);
    this.db
      .prepare(
        `INSERT INTO blobs (sm3, state, size, received, origin, share, uploaded, checked_mtime, checked_size, created_at, updated_at)
         VALUES (@sm3, 'present', @size, @size, @origin, @share, @uploaded, @mtime, @csize, @at, @at)
         ON CONFLICT (sm3) DO UPDATE SET state = 'present', size = @size, received = @size,
           origin = CASE WHEN blobs.state = 'present' THEN blobs.origin ELSE @origin END,
           share = MAX(blobs.share, @share), uploaded = MAX(blobs.uploaded, @uploaded),
           checked_mtime = COALESCE(@mtime, blobs.checked_mtime), checked_size = COALESCE(@csize, blobs.checked_size), updated_at = @at`,
      )
      .run({ sm3, size, origin, share: flags.share ? 1 : 0, uploaded: flags.uploaded ? 1 : 0, mtime: stat?.mtimeMs ?? null, csize: stat?.size ?? null, at });
  }

  /** Stores small bytes already in memory (a record's old `files` entry): hashed, written, adopted. */
  async importBytes(data: Uint8Array, origin: BlobOrigin, flags: { share?: boolean } = {}): Promise<string> {
    const tmp = this.files.upload(`import-${process.pid}-${this.now()}-${Math.random().toString(36).slice(2)}`);
    await fs.promises.writeFile(tmp, data);
    const { sm3, size } = await this.files.hash(tmp);
    await this.adopt(tmp, sm3, size, origin, flags);
    return sm3;
  }

  /** Bytes of a download under way that are on disk (where it resumes). */
  async partialLength(sm3: string): Promise<number> {
    return (await this.files.stat(this.files.partial(sm3)))?.size ?? 0;
  }

  /**
   * Appends a download's bytes at `offset` (its current length; a longer file is cut back to it).
   * `total` is the blob's size as the server states it. The index learns the progress every few
   * MiB and at the end, so status() shows 附件同步中 with the bytes so far.
   */
  async receive(sm3: string, offset: number, total: number, chunks: AsyncIterable<Uint8Array>): Promise<number> {
    const file = this.files.partial(sm3);
    const have = await this.partialLength(sm3);
    if (offset > have) throw new AppError('CONFLICT', `续传位置 ${offset} 超过已收到的 ${have} 字节`);
    const handle = await fs.promises.open(file, have === 0 ? 'w' : 'r+');
    let pos = offset;
    let noted = pos;
    const note = () => {
      noted = pos;
      this.db.prepare(`UPDATE blobs SET state = 'partial', size = ?, received = ?, updated_at = ? WHERE sm3 = ? AND state != 'present'`).run(total, pos, this.now(), sm3);
    };
    try {
      if (have > offset) await handle.truncate(offset);
      this.want(sm3, total);
      note();
      for await (const chunk of chunks) {
        if (pos + chunk.length > total) throw new AppError('CONFLICT', '服务器发来的附件超过其声明的大小');
        await handle.write(chunk, 0, chunk.length, pos);
        pos += chunk.length;
        this.live.set(sm3, pos);
        if (pos - noted >= PROGRESS_STEP) note();
      }
    } finally {
      await handle.sync().catch(() => undefined);
      await handle.close();
      note();
    }
    return pos;
  }

  /** A finished download: its SM3 is checked, then it becomes the blob; a mismatch is dropped and wanted again. */
  async commitPartial(sm3: string): Promise<void> {
    const file = this.files.partial(sm3);
    const got = await this.files.hash(file);
    if (got.sm3 !== sm3) {
      await this.dropPartial(sm3);
      throw new AppError('CONFLICT', '下载的附件内容与其校验值不符,已丢弃并将重新下载');
    }
    await this.adopt(file, sm3, got.size, 'remote', { uploaded: true });
  }

  /** Forgets a download's bytes: it starts again from the first byte. */
  async dropPartial(sm3: string): Promise<void> {
    await fs.promises.rm(this.files.partial(sm3), { force: true });
    this.live.delete(sm3);
    this.db.prepare(`UPDATE blobs SET state = 'wanted', received = 0, updated_at = ? WHERE sm3 = ? AND state != 'present'`).run(this.now(), sm3);
  }

  /** One chunk of a verified blob. */
  async read(sm3: string, offset: number, length: number): Promise<{ data: Uint8Array; size: number }> {
    const row = await this.verified(sm3);
    const size = row.size ?? 0;
    if (offset > size) throw new AppError('BAD_INPUT', `读取位置超出附件大小(${size} 字节)`);
    const want = Math.min(length, size - offset);
    const data = new Uint8Array(want);
    const handle = await fs.promises.open(this.files.final(sm3), 'r');
    try {
      let done = 0;
      while (done < want) {
        const { bytesRead } = await handle.read(data, done, want - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      if (done < want) throw new AppError('CONFLICT', '附件文件被截断,已停止读取');
    } finally {
      await handle.close();
    }
    return { data, size };
  }

  /** A stream of a verified blob, bytes `start`..`end` inclusive (uploads to the server). */
  async openRead(sm3: string, start = 0, end?: number): Promise<Readable> {
    await this.verified(sm3);
    return fs.createReadStream(this.files.final(sm3), { start, ...(end !== undefined ? { end } : {}), highWaterMark: 1024 * 1024 });
  }

  /**
   * The blob's row once its file is known to hold its bytes: same size and modification time as
   * when last checked, or checked again now. A file that fails is set aside and wanted again.
   */
  async verified(sm3: string): Promise<BlobRow> {
    const row = this.row(sm3);
    if (row?.state !== 'present') throw new AppError('NOT_FOUND', '附件文件尚未同步到本机,请稍后再试');
    const file = this.files.final(sm3);
    const stat = await this.files.stat(file);
    if (stat && stat.size === row.checked_size && stat.mtimeMs === row.checked_mtime) return row;
    const got = stat ? await this.files.hash(file) : null;
    if (got?.sm3 === sm3) {
      this.db.prepare('UPDATE blobs SET size = ?, received = ?, checked_mtime = ?, checked_size = ? WHERE sm3 = ?').run(got.size, got.size, stat!.mtimeMs, stat!.size, sm3);
      return { ...row, size: got.size, checked_mtime: stat!.mtimeMs, checked_size: stat!.size };
    }
    if (stat) await this.files.quarantine(sm3, this.now());
    this.db.prepare(`UPDATE blobs SET state = 'wanted', received = 0, uploaded = 0, checked_mtime = NULL, checked_size = NULL, updated_at = ? WHERE sm3 = ?`).run(this.now(), sm3);
    throw new AppError(stat ? 'CONFLICT' : 'NOT_FOUND', stat ? '本机附件文件已损坏(与校验值不符),已隔离并将重新下载' : '本机附件文件已丢失,将重新下载');
  }

  /**
   * A new index over files already in the folder (the index was lost): each is present but not
   * checked yet (checked before its first read), and offered to the server again.
   */
  private adoptUnindexed(): void {
    const at = this.now();
    const insert = this.db.prepare(`INSERT OR IGNORE INTO blobs (sm3, state, size, received, origin, share, created_at, updated_at) VALUES (?, 'present', ?, ?, 'local', 1, ?, ?)`);
    this.db.transaction(() => {
      for (const sm3 of this.files.listFinal()) {
        const size = fs.statSync(this.files.final(sm3)).size;
        insert.run(sm3, size, size, at, at);
      }
    })();
  }
}
