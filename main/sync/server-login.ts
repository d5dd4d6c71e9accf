import { z } from 'zod';
import { checkChallengeBeforeSigning, type LoginChallenge, type LoginResponse } from '../../core/crypto/challenge';
import { SyncUser } from '../../core/ipc/sync';
import { parseServerUrl } from '../../core/sync/server-url';
import { AppError } from '../../core/result';

/** The HTTP side of the sync server: password and certificate login, and who a token belongs to. */

export type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

const LoginReply = z.object({ token: z.string().min(1), exp: z.number(), user: SyncUser });
const MeReply = z.object({ user: SyncUser, exp: z.number() });
const ErrorReply = z.object({ error: z.object({ code: z.string().optional(), message: z.string() }) });
const ChallengeReply = z.object({
  challenge: z.object({ audience: z.string().min(1).max(200), nonce: z.string().min(1).max(100), issuedAt: z.string().min(1).max(40) }),
});

/** `ws://host:port` from what a person types: ws(s)://, http(s):// or a bare host:port; no trailing slash. */
export function normalizeServerUrl(input: string): string {
  const parsed = parseServerUrl(input);
  if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message);
  return parsed.url;
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
  // Too many failures or logins: the server says how long to wait (登录失败次数过多,请在 N 秒后重试).
  if (status === 429) return new AppError('BAD_INPUT', message.success ? message.data.error.message : `${what}过于频繁,请稍后重试`);
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

export interface CertificateLoginOptions {
  /** The client's clock, for the challenge's freshness (the sync binding's clock). */
  now?: () => number;
}

/**
 * 数字证书登录: `POST /auth/challenge` → sign it → `POST /auth/cert-login` → a token and who it
 * is for. The challenge is fetched and checked before the key is unlocked, so a server that
 * cannot take a certificate (404: started without --trust-ca; 503: no --public-url), cannot be
 * reached, or hands out a challenge meant for another server (a relay) costs no PIN attempt.
 */
export async function certificateLogin(fetcher: FetchLike, wsUrl: string, answer: AnswerChallenge, opts: CertificateLoginOptions = {}): Promise<z.infer<typeof LoginReply>> {
  const audience = normalizeServerUrl(wsUrl);
  const post = (path: string, body: unknown) =>
    call(fetcher, `${httpBase(audience)}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const asked = await post('/auth/challenge', {});
  if (asked.status === 404) throw new AppError('UNSUPPORTED', '服务器未开启证书登录,请改用账号密码登录或联系管理员');
  const refusal = ErrorReply.safeParse(asked.body);
  // A server that knows no public address of its own cannot name itself in a challenge.
  if (asked.status === 503 && refusal.success && refusal.data.error.code === 'UNSUPPORTED') throw new AppError('UNSUPPORTED', refusal.data.error.message);
  const challenge = ChallengeReply.safeParse(asked.body);
  if (asked.status !== 200 || !challenge.success) throw failure(asked.status, asked.body, '获取登录质询');
  // Signing a challenge addressed to another server would let whoever relayed it log in there as this user.
  checkChallengeBeforeSigning(challenge.data.challenge, audience, new Date((opts.now ?? Date.now)()));
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
