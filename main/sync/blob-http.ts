import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { formatContentRange, type ContentRange } from '../../core/blobs/http-range';

export interface BlobHead {
  state: 'complete' | 'partial' | 'none';
  received: number;
  size: number | null;
}

export interface BlobReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The response body, streamed (the caller reads or drops it). */
  body: http.IncomingMessage;
}

/** The server's `/blobs/<sm3>` (sync-server/blobs), as the engine calls it. */
export interface BlobServer {
  head(sm3: string): Promise<BlobHead>;
  put(sm3: string, range: ContentRange, body: Readable): Promise<{ status: number; json: unknown }>;
  get(sm3: string, from: number): Promise<BlobReply>;
  /** Aborts every request under way (stop, logout). */
  abortAll(): void;
}

/**
 * HTTP(S) to the sync server's base address (`ws://h:p` → `http://h:p`, `wss` → `https`), with the
 * login's bearer token. Bodies stream both ways: nothing here holds a blob in memory.
 */
export function httpBlobServer(wsUrl: string, token: string): BlobServer {
  const base = new URL(wsUrl.replace(/^ws(s?):/i, 'http$1:'));
  const open = new Set<http.ClientRequest>();
  const request = (method: string, sm3: string, headers: Record<string, string | number>, body?: Readable): Promise<http.IncomingMessage> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${base.pathname.replace(/\/$/, '')}/blobs/${sm3}`, base);
      const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers: { Authorization: `Bearer ${token}`, ...headers } });
      open.add(req);
      req.on('close', () => open.delete(req));
      req.on('error', reject);
      req.on('response', resolve);
      if (body) {
        body.on('error', (err) => req.destroy(err));
        body.pipe(req);
      } else req.end();
    });
  return {
    async head(sm3) {
      const res = await request('HEAD', sm3, {});
      res.resume();
      if (res.statusCode !== 200) throw new BlobHttpError(res.statusCode ?? 0, `HEAD ${res.statusCode}`);
      const state = res.headers['x-blob-state'];
      const size = res.headers['x-blob-size'];
      return {
        state: state === 'complete' || state === 'partial' ? state : 'none',
        received: Number(res.headers['x-blob-received'] ?? 0) || 0,
        size: typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : null,
      };
    },
    async put(sm3, range, body) {
      const res = await request('PUT', sm3, { 'Content-Range': formatContentRange(range), 'Content-Length': range.end - range.start + 1, 'Content-Type': 'application/octet-stream' }, body);
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      let json: unknown = null;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      return { status: res.statusCode ?? 0, json };
    },
    async get(sm3, from) {
      const res = await request('GET', sm3, from > 0 ? { Range: `bytes=${from}-` } : {});
      return { status: res.statusCode ?? 0, headers: res.headers, body: res };
    },
    abortAll() {
      for (const req of open) req.destroy(new Error('stopped'));
    },
  };
}

export class BlobHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
