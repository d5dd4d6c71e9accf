import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 408 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a small request body within `timeoutMs`: a client that sends headers and never the body
 * (or trickles it) is answered 408 and its socket closed, instead of holding a login slot for the
 * HTTP server's 5-minute request timeout (issue 9).
 */
export function readBody(req: IncomingMessage, opts: { maxBytes: number; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: BodyError) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      reject(err);
    };
    const timer = setTimeout(() => fail(new BodyError(408, '请求超时')), opts.timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBytes) fail(new BodyError(413, '请求内容过大'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => fail(new BodyError(400, '请求未完整送达')));
  });
}
