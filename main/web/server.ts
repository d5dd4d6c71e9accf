import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppEvent } from '../../core/ipc/contract';
import type { Dispatch } from '../../core/ipc/dispatch';
import { serveStatic } from './static';

export interface WebHostOptions {
  dispatch: Dispatch;
  staticDir: string;
  port?: number;
  /** Loopback only: the host never listens on another interface. */
  host?: '127.0.0.1';
  maxBodyBytes?: number;
}

export interface WebHost {
  port: number;
  url: string;
  publish(event: AppEvent): void;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * The web host: the same handlers and renderer as the Electron app, over HTTP (`POST /rpc`)
 * and a WebSocket (`/events`). Requests from other origins or hosts are refused, so a web
 * page the user visits cannot drive the local API (DNS rebinding, CSRF).
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  // 7 MiB: far above one blobs.put chunk (1 MiB, ~1.4 MiB as base64); files never travel whole (core/ipc/blobs.ts).
  const maxBody = opts.maxBodyBytes ?? 7 * 1024 * 1024;
  let port = opts.port ?? 5170;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const sameOrigin = (req: http.IncomingMessage) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return false;
    const origin = req.headers.origin;
    return origin === undefined || [...allowedHosts()].some((h) => origin === `http://${h}`);
  };

  const server = http.createServer((req, res) => {
    if (!sameOrigin(req)) return json(res, 403, { ok: false, error: { code: 'BAD_INPUT', message: '拒绝来自其他来源的请求' } });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(res, 200, { ok: true });
    if (path === '/rpc') {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '仅支持 POST' } });
      return void handleRpc(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '不支持的请求方法' } });
    serveStatic(opts.staticDir, req, res);
  });

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return json(res, 413, { ok: false, error: { code: 'BAD_INPUT', message: '请求过大' } });
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求不是有效的 JSON' } });
    }
    const { channel, input } = (typeof body === 'object' && body !== null ? body : {}) as { channel?: unknown; input?: unknown };
    json(res, 200, await opts.dispatch(channel, input));
  }

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (!sameOrigin(req) || (req.url ?? '').split('?')[0] !== '/events') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://${host}:${port}/`,
    publish(event) {
      const text = JSON.stringify(event);
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
