import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fromBase64, toHex } from '../../core/crypto/bytes';
import { Sm3 } from '../../core/crypto/sm3';
import { formatBytes, IPC_CHUNK_BYTES } from '../../core/blobs/limits';
import type { BlobRef } from '../../core/kernel/event';
import { AppError } from '../../core/result';
import type { BlobStore } from './blob-store';

export interface UploadSessionsOptions {
  blobs: BlobStore;
  now?: () => number;
  /** An upload untouched this long is dropped with its bytes (a closed dialog, a crashed window). */
  idleMs?: number;
  /** Uploads at once (each holds an open temp file). */
  maxSessions?: number;
}

interface Session {
  name: string;
  mime: string;
  size: number;
  received: number;
  hash: Sm3;
  file: string;
  handle: fs.promises.FileHandle;
  touched: number;
  /** Chunks are written one after another (a second put waits for the first). */
  busy: Promise<unknown>;
}

/**
 * Files arriving from the renderer in chunks (blobs.begin / put / finish): each chunk is appended
 * to `blobs/uploads/<id>` and fed to a running SM3, so finishing costs no second read; the file
 * then becomes the blob (fsync + rename). In memory only: an upload cut by a restart is started
 * again by the window (its temp file is removed at the next open).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly idleMs: number;
  private readonly maxSessions: number;

  constructor(private readonly opts: UploadSessionsOptions) {
    this.now = opts.now ?? Date.now;
    this.idleMs = opts.idleMs ?? 2 * 60 * 60 * 1000;
    this.maxSessions = opts.maxSessions ?? 16;
  }

  async begin(input: { name: string; mime: string; size: number }): Promise<{ uploadId: string; chunkBytes: number; maxBytes: number }> {
    await this.expire();
    const maxBytes = this.opts.blobs.maxBytes();
    if (input.size > maxBytes) throw new AppError('BAD_INPUT', `单个附件不能超过 ${formatBytes(maxBytes)},“${input.name}”过大(${formatBytes(input.size)})`);
    if (this.sessions.size >= this.maxSessions) throw new AppError('CONFLICT', `同时上传的附件过多(最多 ${this.maxSessions} 个),请稍后再试`);
    const uploadId = randomUUID();
    const file = this.opts.blobs.files.upload(uploadId);
    const handle = await fs.promises.open(file, 'w');
    this.sessions.set(uploadId, { name: input.name, mime: input.mime || 'application/octet-stream', size: input.size, received: 0, hash: new Sm3(), file, handle, touched: this.now(), busy: Promise.resolve() });
    return { uploadId, chunkBytes: IPC_CHUNK_BYTES, maxBytes };
  }

  /** Appends a chunk at `offset`. A chunk sent again (its reply was lost) is acknowledged without writing. */
  async put(input: { uploadId: string; offset: number; dataBase64: string }): Promise<{ received: number }> {
    const s = this.session(input.uploadId);
    const run = s.busy.then(async () => {
      let data: Uint8Array;
      try {
        data = fromBase64(input.dataBase64);
      } catch {
        throw new AppError('BAD_INPUT', `附件“${s.name}”的内容无法读取(不是有效的 base64)`);
      }
      s.touched = this.now();
      if (input.offset + data.length <= s.received) return { received: s.received };
      if (input.offset !== s.received) throw new AppError('CONFLICT', `附件“${s.name}”应从第 ${s.received} 字节继续上传`, { received: s.received });
      if (s.received + data.length > s.size) throw new AppError('BAD_INPUT', `附件“${s.name}”的内容超过声明的大小(${formatBytes(s.size)})`);
      await s.handle.write(data, 0, data.length, s.received);
      s.hash.update(data);
      s.received += data.length;
      return { received: s.received };
    });
    s.busy = run.catch(() => undefined);
    return run;
  }

  /** The whole file arrived: it becomes a blob of this machine (not shared until a record refers to it). */
  async finish(input: { uploadId: string }): Promise<BlobRef> {
    const s = this.session(input.uploadId);
    await s.busy;
    if (s.received !== s.size) throw new AppError('BAD_INPUT', `附件“${s.name}”只收到 ${s.received} / ${s.size} 字节,大小与声明不符,请重新上传`);
    this.sessions.delete(input.uploadId);
    await s.handle.close();
    const sm3 = toHex(s.hash.digest());
    await this.opts.blobs.adopt(s.file, sm3, s.size, 'local');
    return { name: s.name, sm3, size: s.size, mime: s.mime };
  }

  async cancel(input: { uploadId: string }): Promise<Record<string, never>> {
    const s = this.sessions.get(input.uploadId);
    if (s) await this.drop(input.uploadId, s);
    return {};
  }

  /** Closes every open upload (app shutdown). */
  async closeAll(): Promise<void> {
    for (const [id, s] of [...this.sessions]) await this.drop(id, s);
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', '上传已失效(超时或已取消),请重新上传附件');
    return s;
  }

  private async drop(id: string, s: Session): Promise<void> {
    this.sessions.delete(id);
    await s.busy;
    await s.handle.close().catch(() => undefined);
    await fs.promises.rm(s.file, { force: true });
  }

  private async expire(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    for (const [id, s] of [...this.sessions]) if (s.touched < cutoff) await this.drop(id, s);
  }
}
