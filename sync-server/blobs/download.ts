import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatContentRange, parseRange } from '../../core/blobs/http-range';
import type { User } from '../../core/sync/accounts';
import { failure, reply } from './reply';
import type { UploadDeps } from './upload';

/**
 * `GET /blobs/<sm3>` (optionally `Range: bytes=a-[b]`): the blob streamed from disk, only to a user
 * who may read it (repository.ts); anyone else gets 403 and no byte, whether or not it exists.
 */
export async function sendBlob(deps: UploadDeps, req: IncomingMessage, res: ServerResponse, user: User, sm3: string): Promise<void> {
  if (!deps.repo.mayRead(user, sm3)) return reply(req, res, 403, failure('FORBIDDEN', '无权下载该附件(须能查看引用它的记录)'));
  const size = deps.repo.completeSize(sm3);
  if (size === null) return reply(req, res, 404, failure('NOT_FOUND', '服务器上还没有这个附件(上传尚未完成)'));
  const file = deps.files.final(sm3);
  const onDisk = await deps.files.size(file);
  if (onDisk !== size) {
    deps.log.error({ sm3, size, onDisk }, 'blob file missing or of the wrong size; not served');
    return reply(req, res, 500, failure('INTERNAL', '服务器上的附件文件异常,请联系管理员'));
  }
  const range = parseRange(req.headers.range);
  const headers: Record<string, string | number> = { 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  let start = 0;
  let end = size - 1;
  if (range && size > 0) {
    if (range.start >= size) return reply(req, res, 416, failure('BAD_INPUT', '请求的范围超出附件大小'), { 'Content-Range': `bytes */${size}` });
    start = range.start;
    end = Math.min(range.end ?? size - 1, size - 1);
    headers['Content-Range'] = formatContentRange({ start, end, total: size });
  }
  res.writeHead(range && size > 0 ? 206 : 200, { ...headers, 'Content-Length': size === 0 ? 0 : end - start + 1 });
  if (size === 0) return void res.end();
  await streamFile(file, start, end, res);
}

/**
 * Bytes `start..end` of a file to the response through one reused 1 MiB buffer: each piece is
 * written once the previous one has left for the socket (backpressure), so a slow reader holds
 * nothing, and a 100 MiB download leaves no garbage behind it.
 */
async function streamFile(file: string, start: number, end: number, res: ServerResponse): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  try {
    for (let pos = start; pos <= end && !res.destroyed; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - pos + 1), pos);
      if (bytesRead === 0) throw new Error('blob file shorter than its size');
      await new Promise<void>((resolve, reject) => res.write(buffer.subarray(0, bytesRead), (err) => (err ? reject(err) : resolve())));
      pos += bytesRead;
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    await handle.close();
  }
}

/**
 * `HEAD /blobs/<sm3>`: how far this user's upload stands — `X-Blob-State: complete` (the server has
 * it and the user may read it), `partial` (`X-Blob-Received` bytes of `X-Blob-Size` are here) or
 * `none`. Another user's copy is never mentioned.
 */
export async function describeBlob(deps: UploadDeps, req: IncomingMessage, res: ServerResponse, user: User, sm3: string): Promise<void> {
  const complete = deps.repo.completeSize(sm3);
  let state = 'none';
  let received = 0;
  let size: number | null = null;
  if (complete !== null && deps.repo.mayRead(user, sm3)) [state, received, size] = ['complete', complete, complete];
  else {
    const upload = deps.repo.upload(sm3, user.login);
    if (upload) [state, received, size] = ['partial', (await deps.files.size(deps.files.tmp(sm3, user.login))) ?? 0, upload.size];
  }
  res.writeHead(200, { 'Cache-Control': 'no-store', 'X-Blob-State': state, 'X-Blob-Received': String(received), ...(size !== null ? { 'X-Blob-Size': String(size) } : {}) });
  res.end();
}
