import { HTTP_CHUNK_BYTES, MAX_BLOB_BYTES_CEILING } from '../../core/blobs/limits';
import { parseContentRange } from '../../core/blobs/http-range';
import type { BlobRow, BlobStore } from '../blobs/blob-store';
import { Backoff } from './backoff';
import { BlobHttpError, httpBlobServer, type BlobServer } from './blob-http';
import type { SyncEngine } from './engine';

/** SM3 of zero bytes: such a blob is never sent (an empty PUT has no range to name). */
const EMPTY_SM3 = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

export interface BlobTransferOptions {
  blobs: BlobStore;
  /** The sync server's blob endpoint; the app passes `httpBlobServer(url, token)`. */
  server: BlobServer;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  now?: () => number;
  /** Looks for work this often even when nothing said so (a safety net). */
  pollMs?: number;
}

interface Retry {
  backoff: Backoff;
  at: number;
}

/**
 * Moves blobs between this machine and the sync server, one at a time, in the background:
 * - up: blobs a record here refers to that the server lacks. HEAD says how far an earlier
 *   attempt got, so an upload cut by a dropped connection continues from the server's length;
 * - down: blobs records here refer to that are missing, appended to `partial/<sm3>` (resumed
 *   from its length with a Range request) and kept only once their SM3 matches (BlobStore).
 * A failing blob is retried with exponential back-off of its own; nothing else waits for it.
 */
export class BlobTransfer {
  private readonly blobs: BlobStore;
  private readonly server: BlobServer;
  private readonly now: () => number;
  private readonly retries = new Map<string, Retry>();
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  /** The last failure, for logs and tests. */
  lastError: string | null = null;

  constructor(private readonly opts: BlobTransferOptions) {
    this.blobs = opts.blobs;
    this.server = opts.server;
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Back online: look now, and retry failed blobs now. */
  kick(): void {
    for (const r of this.retries.values()) r.at = 0;
    this.wake?.();
  }

  /** New work (refs noted): look now; blobs in back-off keep waiting. */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.server.abortAll();
    this.wake?.();
    await this.loop;
  }

  /** Resolves once nothing is left to upload or download (tests). */
  async whenIdle(): Promise<void> {
    while (this.blobs.pendingUploads().length > 0 || this.blobs.pendingDownloads().length > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private async run(): Promise<void> {
    while (this.running) {
      const job = this.pick();
      if (job) {
        await this.attempt(job.sm3, () => (job.up ? this.upload(job.row) : this.download(job.row)));
        continue;
      }
      const next = Math.min(...[...this.retries.values()].map((r) => r.at), this.now() + (this.opts.pollMs ?? 30_000));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(10, next - this.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Our uploads first (others wait for them), then downloads; blobs in back-off are skipped. */
  private pick(): { sm3: string; up: boolean; row: BlobRow } | null {
    const now = this.now();
    const ready = (row: BlobRow) => (this.retries.get(row.sm3)?.at ?? 0) <= now;
    const up = this.blobs.pendingUploads().find(ready);
    if (up) return { sm3: up.sm3, up: true, row: up };
    const down = this.blobs.pendingDownloads().find(ready);
    return down ? { sm3: down.sm3, up: false, row: down } : null;
  }

  private async attempt(sm3: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      this.retries.delete(sm3);
    } catch (err) {
      if (!this.running) return;
      this.lastError = err instanceof Error ? err.message : String(err);
      const r = this.retries.get(sm3) ?? { backoff: new Backoff(this.opts.backoffBaseMs ?? 1000, this.opts.backoffMaxMs ?? 5 * 60_000, this.opts.random), at: 0 };
      r.at = this.now() + r.backoff.next();
      this.retries.set(sm3, r);
    }
  }

  private async upload(row: BlobRow): Promise<void> {
    const size = row.size ?? 0;
    if (size > 0) {
      const head = await this.server.head(row.sm3);
      let received = head.state === 'complete' ? size : head.state === 'partial' && head.size === size ? head.received : 0;
      let conflicts = 0;
      while (received < size) {
        const end = Math.min(received + HTTP_CHUNK_BYTES, size) - 1;
        const body = await this.blobs.openRead(row.sm3, received, end);
        const r = await this.server.put(row.sm3, { start: received, end, total: size }, body);
        const reply = (r.json ?? {}) as { state?: string; received?: unknown; error?: { message?: string } };
        if (r.status === 201 || reply.state === 'complete') break;
        const at = typeof reply.received === 'number' ? reply.received : null;
        if (r.status === 200 && at !== null) received = at;
        else if (r.status === 409 && at !== null && ++conflicts <= 3) received = at;
        else throw new BlobHttpError(r.status, reply.error?.message ?? `上传附件失败(HTTP ${r.status})`);
      }
    }
    this.blobs.markUploaded(row.sm3);
  }

  private async download(row: BlobRow): Promise<void> {
    if (row.sm3 === EMPTY_SM3) {
      await this.blobs.importBytes(new Uint8Array(0), 'remote');
      return;
    }
    const from = await this.blobs.partialLength(row.sm3);
    const r = await this.server.get(row.sm3, from);
    if (r.status !== 200 && r.status !== 206) {
      r.body.resume();
      // 416: what is here is longer than the blob: start again.
      if (r.status === 416) await this.blobs.dropPartial(row.sm3);
      throw new BlobHttpError(r.status, r.status === 403 ? '无权下载该附件(或上传者尚未上传完成)' : r.status === 404 ? '服务器上还没有这个附件' : `下载附件失败(HTTP ${r.status})`);
    }
    const range = r.status === 206 ? parseContentRange(r.headers['content-range']) : null;
    const start = range?.start ?? 0;
    const total = range?.total ?? Number(r.headers['content-length']);
    // The record names the size; a server offering anything else (or more than any blob may be) is not read.
    if (!Number.isSafeInteger(total) || total > MAX_BLOB_BYTES_CEILING || (row.size !== null && total !== row.size)) {
      r.body.destroy();
      throw new BlobHttpError(r.status, `服务器给出的附件大小(${total})与记录不符`);
    }
    const got = await this.blobs.receive(row.sm3, start, total, r.body);
    if (got !== total) throw new BlobHttpError(r.status, `附件下载中断(${got} / ${total} 字节),稍后续传`);
    await this.blobs.commitPartial(row.sm3);
  }
}

/**
 * Starts blob transfer beside a sync engine (main/sync/app-binding.ts, one line): same server and
 * token, woken when the engine comes online and when the blob store has new work. Returns its stop.
 */
export function startBlobTransfer(engine: Pick<SyncEngine, 'on' | 'status'>, blobs: BlobStore, url: string, token: string, tuning: Pick<BlobTransferOptions, 'backoffBaseMs' | 'backoffMaxMs'> = {}): () => void {
  const transfer = new BlobTransfer({ blobs, server: httpBlobServer(url, token), ...tuning });
  // Back online: retry at once. Only on the transition, so a busy engine does not defeat back-off.
  let online = false;
  const onStatus = () => {
    const now = engine.status().state === 'online';
    if (now && !online) transfer.kick();
    online = now;
  };
  const offs = [engine.on('status', onStatus), blobs.onChange(() => transfer.poke())];
  transfer.start();
  return () => {
    for (const off of offs) off();
    void transfer.stop();
  };
}
