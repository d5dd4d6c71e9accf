import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { formatBytes } from '../../core/blobs/limits';
import { parseContentRange } from '../../core/blobs/http-range';
import type { User } from '../../core/sync/accounts';
import type { ServerBlobFiles } from './files';
import { dayOf, failure, reply } from './reply';
import type { BlobRepository } from './repository';

export interface BlobLimits {
  /** Largest blob accepted (`--max-blob-mib`, 200 MiB). */
  maxBlobBytes: number;
  /** Bytes one user may send per day (`--blob-quota-mib-per-day`). */
  dailyBytes: number;
  /** Declared bytes of one user's unfinished uploads at once (`--blob-inflight-mib`). */
  inflightBytes: number;
}

export interface UploadDeps {
  repo: BlobRepository;
  files: ServerBlobFiles;
  limits: BlobLimits;
  log: Logger;
  now: () => number;
}

/**
 * `PUT /blobs/<sm3>` with `Content-Range: bytes a-b/total`: one piece of an upload, streamed to the
 * uploader's temp file (never held in memory). `a` must not be past where the upload stands (HEAD says);
 * bytes received before a dropped connection stay. When the last byte arrives the file is hashed:
 * the right SM3 makes it the blob, a wrong one drops it (422). Answers `{state, received|size}`.
 */
export async function receivePiece(deps: UploadDeps, req: IncomingMessage, res: ServerResponse, user: User, sm3: string): Promise<void> {
  const { repo, files, limits } = deps;
  const range = parseContentRange(req.headers['content-range']);
  if (!range) return reply(req, res, 400, failure('BAD_INPUT', '缺少或无效的 Content-Range(应为 bytes a-b/总长度)'));
  const length = range.end - range.start + 1;
  if (req.headers['content-length'] !== undefined && Number(req.headers['content-length']) !== length) return reply(req, res, 400, failure('BAD_INPUT', 'Content-Length 与 Content-Range 不符'));
  if (range.total > limits.maxBlobBytes) return reply(req, res, 413, failure('TOO_LARGE', `附件超过服务器允许的大小(${formatBytes(limits.maxBlobBytes)})`));
  const login = user.login;
  const complete = repo.completeSize(sm3);
  // Already here and readable by this user: nothing to send. Not readable: the upload goes on and
  // proves the user holds the bytes (no hint that someone else has them).
  if (complete !== null && repo.mayRead(user, sm3)) return reply(req, res, 200, { state: 'complete', size: complete });
  const tmp = files.tmp(sm3, login);
  let upload = repo.upload(sm3, login);
  if (upload && upload.size !== range.total) {
    await files.remove(tmp);
    repo.dropUpload(sm3, login);
    upload = null;
  }
  if (!upload) {
    if (range.start !== 0) return reply(req, res, 409, failure('CONFLICT', '续传位置不符,请从头上传', { received: 0 }));
    if (repo.inFlight(login, sm3) + range.total > limits.inflightBytes) return reply(req, res, 429, failure('QUOTA', `未完成的上传过多(上限 ${formatBytes(limits.inflightBytes)}),请稍后再试`));
    await files.remove(tmp);
    repo.startUpload(sm3, login, range.total);
  }
  const have = (await files.size(tmp)) ?? 0;
  // Bytes the server already has (an earlier request of this upload wrote them after the client's
  // HEAD) are skipped, not refused; a gap is refused with where to continue.
  if (range.start > have || range.end + 1 < have) return reply(req, res, 409, failure('CONFLICT', `续传位置不符:服务器已有 ${have} 字节`, { received: have }));
  let skip = have - range.start;
  const day = dayOf(deps.now());
  if (repo.usage(login, day) + length > limits.dailyBytes) return reply(req, res, 429, failure('QUOTA', `今日上传附件已达上限(${formatBytes(limits.dailyBytes)}),请明日再试或联系管理员`));

  let got = 0;
  let tooLong = false;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      got += chunk.length;
      if (got > length) {
        tooLong = true;
        return done(new Error('body longer than Content-Range'));
      }
      const drop = Math.min(skip, chunk.length);
      skip -= drop;
      done(null, drop > 0 ? chunk.subarray(drop) : chunk);
    },
  });
  const out = fs.createWriteStream(tmp, { flags: have === 0 ? 'w' : 'r+', start: have });
  await pipeline(req, count, out).catch(() => undefined);
  repo.addUsage(login, day, got);
  repo.touchUpload(sm3, login);
  const received = (await files.size(tmp)) ?? 0;
  if (tooLong) return reply(req, res, 400, failure('BAD_INPUT', '请求内容长于 Content-Range', { received }));
  // The uploader went away: what arrived is kept for its next attempt.
  if (req.destroyed && !req.complete) return;
  if (received < range.end + 1) return reply(req, res, 400, failure('BAD_INPUT', '请求内容短于 Content-Range', { received }));
  if (received < range.total) return reply(req, res, 200, { state: 'partial', received });
  return finishUpload(deps, req, res, login, sm3, tmp);
}

async function finishUpload(deps: UploadDeps, req: IncomingMessage, res: ServerResponse, login: string, sm3: string, tmp: string): Promise<void> {
  const { repo, files } = deps;
  const got = await files.sm3Of(tmp);
  if (got.sm3 !== sm3) {
    await files.remove(tmp);
    repo.dropUpload(sm3, login);
    deps.log.warn({ user: login, sm3, got: got.sm3 }, 'refused: blob bytes do not match their SM3');
    return reply(req, res, 422, failure('HASH_MISMATCH', '附件内容与校验值不符,已丢弃', { received: 0 }));
  }
  if (repo.completeSize(sm3) === null) await files.publish(tmp, sm3);
  else await files.remove(tmp);
  repo.stored(sm3, got.size, login);
  deps.log.info({ user: login, sm3, size: got.size }, 'blob stored');
  reply(req, res, 201, { state: 'complete', size: got.size });
}
