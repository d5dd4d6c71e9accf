import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BodyError, readBody } from '../http-body';
import { errorBody, sendJson } from '../http-json';
import type { Metrics } from '../metrics';
import type { AccessControl } from './access';
import { LoginRefused, type LoginMethod } from './login';
import type { LoginGuard, Refusal } from './login-guard';

const MAX_BODY = 16 * 1024;

export interface LoginRouteDeps {
  log: Logger;
  metrics: Metrics;
  access: AccessControl;
  guard: LoginGuard;
  loginTtlSeconds: number;
  /** How long a client may take to send a login body. */
  bodyTimeoutMs: number;
}

/**
 * `POST <login path>`: the guard first (blocked address → 429 before the body is read), the body
 * within its deadline, then a slot of the address, the login's own back-off, and the method.
 * Failures are counted for the address and, when the body names one, the login.
 */
export async function handleLogin(req: IncomingMessage, res: ServerResponse, method: LoginMethod, address: string, deps: LoginRouteDeps): Promise<void> {
  const { guard } = deps;
  const early = guard.blocked(address);
  if (early) return tooManyFailures(res, early, deps);
  const endBody = guard.beginBody(address);
  if (!endBody) return busy(res, deps);
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, { maxBytes: MAX_BODY, timeoutMs: deps.bodyTimeoutMs }));
  } catch (err) {
    if (err instanceof BodyError) {
      deps.log.info({ address, status: err.status }, 'login body refused');
      return closeAfter(req, res, err.status, errorBody(err.status === 408 ? 'TIMEOUT' : 'BAD_INPUT', err.message));
    }
    return sendJson(res, 400, errorBody('BAD_INPUT', '请求格式错误'));
  } finally {
    endBody();
  }
  const login = loginNamed(body);
  const blocked = guard.blocked(address, login);
  if (blocked) return tooManyFailures(res, blocked, deps);
  const release = guard.takeSlot(address);
  if (!release) return busy(res, deps);
  try {
    const verified = await method(body, req);
    if (!verified) {
      guard.failed(address, login);
      deps.metrics.reject('unauthenticated');
      return sendJson(res, 401, errorBody('UNAUTHENTICATED', '用户名或密码错误'));
    }
    guard.succeeded(verified);
    const user = deps.access.currentUser(verified)!;
    const { token, exp } = deps.access.issue(verified, deps.loginTtlSeconds);
    deps.log.info({ user: verified }, 'login');
    sendJson(res, 200, { token, exp, user: { login: user.login, name: user.name, units: user.units, role: user.role } });
  } catch (err) {
    if (err instanceof LoginRefused) {
      guard.failed(address, login);
      deps.metrics.reject('unauthenticated');
      return sendJson(res, 401, errorBody('UNAUTHENTICATED', err.message));
    }
    deps.log.error({ err: String(err) }, 'login failed');
    sendJson(res, 500, errorBody('INTERNAL', '服务器错误'));
  } finally {
    release();
  }
}

/** `POST /auth/challenge`, rate-limited per address. */
export function handleChallenge(req: IncomingMessage, res: ServerResponse, issue: () => { ok: true; challenge: unknown } | { ok: false; message: string }, address: string, deps: LoginRouteDeps): void {
  req.resume();
  const refused = deps.guard.challenge(address);
  if (refused) {
    deps.metrics.reject('rate-limited');
    return retryLater(res, refused, '证书登录请求过于频繁');
  }
  const issued = issue();
  // 503 UNSUPPORTED: the server cannot name itself (no --public-url); the app shows the message.
  if (issued.ok) sendJson(res, 200, { challenge: issued.challenge });
  else sendJson(res, 503, errorBody('UNSUPPORTED', issued.message));
}

/** The login a body names (password login), for its own back-off; other methods name none. */
function loginNamed(body: unknown): string | undefined {
  const login = (body as { login?: unknown } | null)?.login;
  return typeof login === 'string' && login.length > 0 && login.length <= 64 ? login : undefined;
}

function tooManyFailures(res: ServerResponse, refusal: Refusal, deps: LoginRouteDeps): void {
  deps.metrics.reject('rate-limited');
  retryLater(res, refusal, '登录失败次数过多');
}

function busy(res: ServerResponse, deps: LoginRouteDeps): void {
  deps.metrics.reject('rate-limited');
  retryLater(res, { retryAfterMs: 1000 }, '登录请求过多', 'BUSY');
}

function retryLater(res: ServerResponse, refusal: Refusal, what: string, code = 'RATE_LIMITED'): void {
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  sendJson(res, 429, errorBody(code, `${what},请在 ${waitText(seconds)}后重试`), { 'Retry-After': String(seconds) });
}

/** 45 → "45 秒", 900 → "15 分钟". */
export function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** Answers and closes the connection: the rest of the body is never read. */
function closeAfter(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => req.destroy());
  sendJson(res, status, body, { Connection: 'close' });
}
