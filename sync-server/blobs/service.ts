import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { isSm3Hex } from '../../core/blobs/limits';
import type { AccountRepository } from '../../core/sync/accounts';
import type { SqlDb } from '../../core/sync/sql';
import type { AuthResult } from '../auth/access';
import { describeBlob, sendBlob } from './download';
import { ServerBlobFiles } from './files';
import { failure, reply } from './reply';
import { BlobRepository } from './repository';
import { receivePiece, type BlobLimits, type UploadDeps } from './upload';

export interface BlobServiceOptions {
  dataDir: string;
  db: SqlDb;
  accounts: AccountRepository;
  authenticate: (token: unknown) => AuthResult;
  log: Logger;
  limits: BlobLimits;
  now?: () => number;
  /** An upload untouched this long is dropped with its bytes (24 h). */
  staleUploadMs?: number;
}

const PATH = /^\/blobs\/([^/?#]*)$/;

/**
 * Blobs on the sync server: `HEAD`/`PUT`/`GET /blobs/<sm3>` with the sockets' bearer tokens
 * (download.ts, upload.ts), the refs that decide who may read a blob (repository.ts), and the
 * sweep of abandoned uploads. One per server; `addRefs` is the event path's entry.
 */
export class BlobService {
  readonly repo: BlobRepository;
  readonly files: ServerBlobFiles;
  private readonly deps: UploadDeps;
  /** One request per upload at a time: a newer one (a client that reconnected) replaces the older. */
  private readonly active = new Map<string, { req: IncomingMessage; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: BlobServiceOptions) {
    const now = opts.now ?? Date.now;
    this.repo = new BlobRepository(opts.db, opts.accounts, now);
    this.files = new ServerBlobFiles(opts.dataDir);
    this.deps = { repo: this.repo, files: this.files, limits: opts.limits, log: opts.log, now };
  }

  /** Answers `/blobs/…` requests; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const m = PATH.exec((req.url ?? '/').split('?')[0]!);
    if (!m) return false;
    void this.route(req, res, m[1]!).catch((err: unknown) => {
      this.opts.log.error({ err: String(err) }, 'blob request failed');
      reply(req, res, 500, failure('INTERNAL', '服务器错误'));
    });
    return true;
  }

  /** Refs from one event (or a record's old files) by its authenticated actor: `blobRefsOf(event.payload)`. */
  addRefs(docId: number, sm3s: Iterable<string>, by: string): void {
    this.repo.addRefs(docId, sm3s, by);
  }

  /** Drops uploads nobody continued for a day (their bytes too), now and every hour. */
  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), 60 * 60 * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const { req } of this.active.values()) req.destroy();
  }

  async sweep(): Promise<void> {
    const before = this.deps.now() - (this.opts.staleUploadMs ?? 24 * 3600 * 1000);
    for (const u of this.repo.staleUploads(before)) {
      if (this.active.has(`${u.sm3}\n${u.login}`)) continue;
      await this.files.remove(this.files.tmp(u.sm3, u.login));
      this.repo.dropUpload(u.sm3, u.login);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, sm3: string): Promise<void> {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const auth = this.opts.authenticate(bearer);
    if (!auth.ok) return reply(req, res, 401, failure('UNAUTHENTICATED', `登录已失效(${auth.reason})`));
    if (!isSm3Hex(sm3)) return reply(req, res, 400, failure('BAD_INPUT', '附件地址应为 /blobs/<64 位小写十六进制 SM3>'));
    if (req.method === 'GET') return sendBlob(this.deps, req, res, auth.user, sm3);
    if (req.method === 'HEAD') return describeBlob(this.deps, req, res, auth.user, sm3);
    if (req.method !== 'PUT') return reply(req, res, 405, failure('BAD_INPUT', '仅支持 GET、HEAD、PUT'), { Allow: 'GET, HEAD, PUT' });
    const key = `${sm3}\n${auth.user.login}`;
    const previous = this.active.get(key);
    if (previous) {
      previous.req.destroy();
      await previous.done;
    }
    let finished = () => {};
    this.active.set(key, { req, done: new Promise<void>((resolve) => (finished = resolve)) });
    try {
      await receivePiece(this.deps, req, res, auth.user, sm3);
    } finally {
      if (this.active.get(key)?.req === req) this.active.delete(key);
      finished();
    }
  }
}
