import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AccessControl } from './auth/access';
import type { LoginMethod } from './auth/login';
import type { LoginGuard } from './auth/login-guard';
import { handleChallenge, handleLogin } from './auth/login-route';
import { clientAddress } from './client-address';
import { errorBody, sendJson } from './http-json';
import type { Metrics } from './metrics';
import { handleNumbers, type NumberRouteDeps } from './numbers/route';

export interface HttpDeps {
  log: Logger;
  metrics: Metrics;
  access: AccessControl;
  logins: Map<string, LoginMethod>;
  loginTtlSeconds: number;
  /** Slots, back-off and challenge rates per client address and login (auth/login-guard.ts). */
  guard: LoginGuard;
  /** How long a client may take to send a login body before it is answered 408 and cut off. */
  bodyTimeoutMs: number;
  /** Peers whose X-Forwarded-For names the client (`--trusted-proxy`). */
  trustedProxies: ReadonlySet<string>;
  health: () => Record<string, unknown>;
  /** `POST /auth/challenge` for certificate login (present when the server trusts a CA). */
  challenge?: () => { ok: true; challenge: unknown } | { ok: false; message: string };
  /** `POST /numbers`: the 编号 service (numbers/route.ts). */
  numbers?: NumberRouteDeps;
  /** `/blobs/<sm3>` (blobs/service.ts); returns false for other paths. */
  blobs?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * GET /healthz, GET /metrics, GET /auth/me (who a bearer token belongs to: the app shows the name
 * and checks a token it was given), POST /numbers (编号) and POST to the registered login paths.
 * Everything else is 404.
 */
export function httpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (deps.blobs?.(req, res)) return;
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok', ...deps.health() });
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
        return sendJson(res, 401, errorBody('UNAUTHENTICATED', `登录已失效(${auth.reason})`));
      }
      const { user } = auth;
      return sendJson(res, 200, { exp: auth.exp, user: { login: user.login, name: user.name, units: user.units, role: user.role } });
    }
    if (req.method === 'POST' && path === '/auth/challenge' && deps.challenge) {
      return handleChallenge(req, res, deps.challenge, clientAddress(req, deps.trustedProxies), deps);
    }
    if (req.method === 'POST' && path === '/numbers' && deps.numbers) {
      void handleNumbers(req, res, deps.numbers);
      return;
    }
    const method = deps.logins.get(path);
    if (req.method === 'POST' && method) {
      void handleLogin(req, res, method, clientAddress(req, deps.trustedProxies), deps);
      return;
    }
    sendJson(res, 404, errorBody('NOT_FOUND', '没有这个地址'));
  };
}
