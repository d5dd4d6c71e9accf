import { z } from 'zod';
import type { LoginChallenge, LoginResponse } from '../../core/crypto/challenge';
import { SyncUser } from '../../core/ipc/sync';
import { AppError } from '../../core/result';

/** The HTTP side of the sync server: password and certificate login, and who a token belongs to. */

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

const LoginReply = z.object({ token: z.string().min(1), exp: z.number(), user: SyncUser });
const MeReply = z.object({ user: SyncUser, exp: z.number() });
const ErrorReply = z.object({ error: z.object({ message: z.string() }) });
const ChallengeReply = z.object({
  challenge: z.object({ audience: z.string().min(1).max(200), nonce: z.string().min(1).max(100), issuedAt: z.string().min(1).max(40) }),
});

/** `ws://host:port` from what a person types: ws(s)://, http(s):// or a bare host:port; no trailing slash. */
export function normalizeServerUrl(input: string): string {
  let url = input.trim();
  if (!/^[a-z]+:\/\//i.test(url)) url = `ws://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('BAD_INPUT', `服务器地址无效:${input}`);
  }
  const protocol = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' }[parsed.protocol];
  if (!protocol) throw new AppError('BAD_INPUT', `服务器地址应以 ws:// 或 http:// 开头:${input}`);
  return `${protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** The server's HTTP base for a ws:// URL. */
export function httpBase(wsUrl: string): string {
  return wsUrl.replace(/^ws(s?):\/\//, 'http$1://');
}

/** The login a token names (its payload is not secret; the server checks the signature). */
export function tokenLogin(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    const parsed = z.object({ sub: z.string().min(1) }).safeParse(json);
    return parsed.success ? parsed.data.sub : null;
  } catch {
    return null;
  }
}

async function call(fetcher: FetchLike, url: string, init: Parameters<FetchLike>[1]): Promise<{ status: number; body: unknown }> {
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetcher(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError('TRANSPORT', `无法连接同步服务器(${url}),请检查服务器地址和网络连接(${why})`);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Reported below by status.
  }
  return { status: res.status, body };
}

function failure(status: number, body: unknown, what: string): AppError {
  const message = ErrorReply.safeParse(body);
  if (status === 401) return new AppError('BAD_INPUT', message.success ? message.data.error.message : '用户名或密码错误');
  return new AppError('TRANSPORT', `${what}失败(HTTP ${status}${message.success ? `:${message.data.error.message}` : ''})`);
}

/** `POST /auth/login` → a token and who it is for. */
export async function passwordLogin(fetcher: FetchLike, wsUrl: string, login: string, password: string): Promise<z.infer<typeof LoginReply>> {
  const { status, body } = await call(fetcher, `${httpBase(wsUrl)}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const reply = LoginReply.safeParse(body);
  if (status !== 200 || !reply.success) throw failure(status, body, '登录');
  return reply.data;
}

/** `GET /auth/me`: who a token belongs to (and whether it is still valid). */
export async function whoAmI(fetcher: FetchLike, wsUrl: string, token: string): Promise<z.infer<typeof MeReply>> {
  const { status, body } = await call(fetcher, `${httpBase(wsUrl)}/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  const reply = MeReply.safeParse(body);
  if (status !== 200 || !reply.success) throw failure(status, body, '查询登录用户');
  return reply.data;
}

/** Signs a login challenge with the user's key (login-key.ts); throws WRONG_PIN, PIN_LOCKED, KEY_NOT_FOUND… */
export type AnswerChallenge = (challenge: LoginChallenge) => Promise<LoginResponse>;

/**
 * 数字证书登录: `POST /auth/challenge` → sign it → `POST /auth/cert-login` → a token and who it
 * is for. The challenge is fetched before the key is unlocked, so a server that cannot take a
 * certificate (404: started without --trust-ca) or cannot be reached costs no PIN attempt.
 */
export async function certificateLogin(fetcher: FetchLike, wsUrl: string, answer: AnswerChallenge): Promise<z.infer<typeof LoginReply>> {
  const post = (path: string, body: unknown) =>
    call(fetcher, `${httpBase(wsUrl)}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const asked = await post('/auth/challenge', {});
  if (asked.status === 404) throw new AppError('UNSUPPORTED', '服务器未开启证书登录,请改用账号密码登录或联系管理员');
  const challenge = ChallengeReply.safeParse(asked.body);
  if (asked.status !== 200 || !challenge.success) throw failure(asked.status, asked.body, '获取登录质询');
  const response = await answer(challenge.data.challenge);
  const { status, body } = await post('/auth/cert-login', response);
  if (status === 404) throw new AppError('UNSUPPORTED', '服务器未开启证书登录,请改用账号密码登录或联系管理员');
  const reply = LoginReply.safeParse(body);
  if (status === 401) {
    // The server says why (certificate not trusted, revoked, expired, user not registered…).
    const said = ErrorReply.safeParse(body);
    throw new AppError('BAD_INPUT', `证书登录被拒绝:${said.success ? said.data.error.message : '证书未通过服务器验证'}`);
  }
  if (status !== 200 || !reply.success) throw failure(status, body, '证书登录');
  return reply.data;
}
