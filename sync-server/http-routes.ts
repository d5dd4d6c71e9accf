import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AccessControl } from './auth/access';
import { LoginRefused, type LoginMethod } from './auth/login';
import type { Metrics } from './metrics';

const MAX_BODY = 16 * 1024;
/** Logins are CPU-heavy (scrypt); more than this many at once are told to retry. */
const MAX_CONCURRENT_LOGINS = 8;

export interface HttpDeps {
  log: Logger;
  metrics: Metrics;
  access: AccessControl;
  logins: Map<string, LoginMethod>;
  loginTtlSeconds: number;
  health: () => Record<string, unknown>;
  /** `POST /auth/challenge` for certificate login (present when the server trusts a CA). */
  challenge?: () => { ok: true; challenge: unknown } | { ok: false; message: string };
  /** `/blobs/<sm3>` (blobs/service.ts); returns false for other paths. */
  blobs?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * GET /healthz, GET /metrics, GET /auth/me (who a bearer token belongs to: the app shows the name
 * and checks a token it was given) and POST to the registered login paths. Everything else is 404.
 */
export function httpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  let activeLogins = 0;
  return (req, res) => {
    if (deps.blobs?.(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/healthz') return json(res, 200, { status: 'ok', ...deps.health() });
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(deps.metrics.render());
      return;
    }
    if (req.method === 'GET' && path === '/auth/me') {
      const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const auth = deps.access.authenticate(bearer);
      if (!auth.ok) {
        deps.metrics.reject('unauthenticated');
        return json(res, 401, error('UNAUTHENTICATED', `登录已失效(${auth.reason})`));
      }
      const { user } = auth;
      return json(res, 200, { exp: auth.exp, user: { login: user.login, name: user.name, units: user.units, role: user.role } });
    }
    if (req.method === 'POST' && path === '/auth/challenge' && deps.challenge) {
      req.resume();
      const issued = deps.challenge();
      // 503 UNSUPPORTED: the server cannot name itself (no --public-url); the app shows the message.
      return issued.ok ? json(res, 200, { challenge: issued.challenge }) : json(res, 503, error('UNSUPPORTED', issued.message));
    }
    const method = deps.logins.get(path);
    if (req.method === 'POST' && method) {
      if (activeLogins >= MAX_CONCURRENT_LOGINS) return json(res, 503, error('BUSY', '登录请求过多,请稍后重试'));
      activeLogins++;
      void login(req, res, method, deps).finally(() => activeLogins--);
      return;
    }
    json(res, 404, error('NOT_FOUND', '没有这个地址'));
  };
}

async function login(req: IncomingMessage, res: ServerResponse, method: LoginMethod, deps: HttpDeps): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return json(res, 400, error('BAD_INPUT', '请求格式错误'));
  }
  try {
    const login = await method(body, req);
    if (!login) {
      deps.metrics.reject('unauthenticated');
      return json(res, 401, error('UNAUTHENTICATED', '用户名或密码错误'));
    }
    const user = deps.access.currentUser(login)!;
    const { token, exp } = deps.access.issue(login, deps.loginTtlSeconds);
    deps.log.info({ user: login }, 'login');
    json(res, 200, { token, exp, user: { login: user.login, name: user.name, units: user.units, role: user.role } });
  } catch (err) {
    if (err instanceof LoginRefused) {
      deps.metrics.reject('unauthenticated');
      return json(res, 401, error('UNAUTHENTICATED', err.message));
    }
    deps.log.error({ err: String(err) }, 'login failed');
    json(res, 500, error('INTERNAL', '服务器错误'));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const error = (code: string, message: string) => ({ error: { code, message } });

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
