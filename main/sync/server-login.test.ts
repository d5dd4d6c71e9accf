import { describe, expect, it } from 'vitest';
import { offlineSyncHandlers } from './app-binding';
import { certificateLogin, httpBase, normalizeServerUrl, passwordLogin, tokenLogin, type FetchLike } from './server-login';
import { syncStartOptions } from './startup';

describe('server addresses and tokens', () => {
  it('accepts what people type and keeps ws:// addresses', () => {
    expect(normalizeServerUrl('ws://10.0.0.5:1234/')).toBe('ws://10.0.0.5:1234');
    expect(normalizeServerUrl(' http://10.0.0.5:1234 ')).toBe('ws://10.0.0.5:1234');
    expect(normalizeServerUrl('https://sync.example.gov.cn/oa/')).toBe('wss://sync.example.gov.cn/oa');
    expect(normalizeServerUrl('127.0.0.1:1234')).toBe('ws://127.0.0.1:1234');
    expect(() => normalizeServerUrl('ftp://x')).toThrow('ws://');
    expect(httpBase('wss://sync.example.gov.cn/oa')).toBe('https://sync.example.gov.cn/oa');
  });

  it('reads the login a token names, and nothing from garbage', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'zhang', iat: 1, exp: 2 })).toString('base64url');
    expect(tokenLogin(`xt1.${payload}.sig`)).toBe('zhang');
    expect(tokenLogin('nonsense')).toBeNull();
    expect(tokenLogin('xt1.%%%.x')).toBeNull();
  });

  it('takes --sync-url/--sync-token or the environment, and wants both', () => {
    expect(syncStartOptions({}, {})).toEqual({});
    expect(syncStartOptions({ url: 'ws://a:1', token: 't' }, {})).toEqual({ connect: { url: 'ws://a:1', token: 't' } });
    expect(syncStartOptions({}, { XIETONG_SYNC_URL: 'ws://b:2', XIETONG_SYNC_TOKEN: 'u', XIETONG_SYNC_BACKOFF_MAX_MS: '1000' })).toEqual({
      connect: { url: 'ws://b:2', token: 'u' },
      engine: { backoffBaseMs: 500, backoffMaxMs: 1000 },
    });
    expect(() => syncStartOptions({ url: 'ws://a:1' }, {})).toThrow('--sync-token');
  });
});

describe('certificate login without a real server (tests/sync/cert-login.test.ts has the real one)', () => {
  /** A server answering each path with a fixed status and body; records the paths asked. */
  const server = (routes: Record<string, [number, unknown]>) => {
    const asked: string[] = [];
    const fetcher: FetchLike = async (url) => {
      const path = new URL(url).pathname;
      asked.push(path);
      const [status, body] = routes[path] ?? [404, { error: { code: 'NOT_FOUND', message: '没有这个地址' } }];
      return { status, json: async () => body };
    };
    return { fetcher, asked };
  };
  const neverAsked = () => Promise.reject(new Error('the key must not be unlocked'));

  it('passes on a 429 (too many failures) in the words of the server, for either login', async () => {
    const said = { error: { code: 'RATE_LIMITED', message: '登录失败次数过多,请在 30 秒后重试' } };
    const { fetcher } = server({ '/auth/login': [429, said], '/auth/challenge': [429, said] });
    await expect(passwordLogin(fetcher, 'ws://10.0.0.5:1234', 'zhang', 'x')).rejects.toMatchObject({ code: 'BAD_INPUT', message: said.error.message });
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'BAD_INPUT', message: said.error.message });
  });

  it('does not unlock the key when the server has no certificate login', async () => {
    const { fetcher, asked } = server({});
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('服务器未开启证书登录') });
    expect(asked).toEqual(['/auth/challenge']);
  });

  it('refuses a malformed challenge before unlocking the key', async () => {
    const { fetcher } = server({ '/auth/challenge': [200, { challenge: { nonce: 'x' } }] });
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('获取登录质询失败') });
  });

  it('is refused plainly by a host without sync, for either login', async () => {
    const handlers = offlineSyncHandlers();
    await expect(async () => handlers.configureWithCertificate({ url: 'ws://a:1', pin: '123456' })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: '此运行方式不支持同步' });
    await expect(async () => handlers.configure({ url: 'ws://a:1', login: 'zhang', password: 'x' })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: '此运行方式不支持同步' });
  });

  const now = Date.parse('2026-03-02T09:00:00.000Z');
  const challengeFor = (audience: string, issuedAt = new Date(now).toISOString()) => ({ challenge: { audience, nonce: 'bm9uY2U=', issuedAt } });

  it('signs only a fresh challenge for the address the user entered, then logs in', async () => {
    const { fetcher, asked } = server({
      '/oa/auth/challenge': [200, challengeFor('wss://sync.example.gov.cn/oa')],
      '/oa/auth/cert-login': [200, { token: 'xt1.t.s', exp: 1, user: { login: 'dcs.lin', name: '林督查', units: ['市政府督查室'], role: 'staff' } }],
    });
    const signed: string[] = [];
    const answer = async (c: { audience: string; nonce: string; issuedAt: string }) => {
      signed.push(c.audience);
      return { challenge: c, certificate: 'Y2VydA==', signature: 'c2ln' };
    };
    // Typed as https://…/oa/: the same server once normalised.
    const reply = await certificateLogin(fetcher, 'https://sync.example.gov.cn/oa/', answer, { now: () => now + 60_000 });
    expect(reply.user.login).toBe('dcs.lin');
    expect(signed).toEqual(['wss://sync.example.gov.cn/oa']);
    expect(asked).toEqual(['/oa/auth/challenge', '/oa/auth/cert-login']);
  });

  it('refuses, before unlocking the key, a challenge meant for another server or far from the local clock', async () => {
    const other = server({ '/auth/challenge': [200, challengeFor('ws://10.0.0.9:1234')] });
    await expect(certificateLogin(other.fetcher, 'ws://10.0.0.5:1234', neverAsked, { now: () => now })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: '服务器返回的登录质询不属于“ws://10.0.0.5:1234”(而是“ws://10.0.0.9:1234”),已拒绝签名,请核对服务器地址',
    });
    expect(other.asked).toEqual(['/auth/challenge']);
    const stale = server({ '/auth/challenge': [200, challengeFor('ws://10.0.0.5:1234', new Date(now - 5 * 60_000).toISOString())] });
    await expect(certificateLogin(stale.fetcher, 'ws://10.0.0.5:1234', neverAsked, { now: () => now })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('与本机时间相差超过 2 分钟') });
    expect(stale.asked).toEqual(['/auth/challenge']);
  });

  it('passes on that the server has no public address (503 UNSUPPORTED) without unlocking the key', async () => {
    const message = '服务器未配置对外地址(--public-url),无法进行证书登录,请联系管理员';
    const { fetcher } = server({ '/auth/challenge': [503, { error: { code: 'UNSUPPORTED', message } }] });
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'UNSUPPORTED', message });
  });
});
