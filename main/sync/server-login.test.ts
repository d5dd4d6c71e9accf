import { describe, expect, it } from 'vitest';
import { offlineSyncHandlers } from './app-binding';
import { certificateLogin, httpBase, normalizeServerUrl, tokenLogin, type FetchLike } from './server-login';
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

  it('does not unlock the key when the server has no certificate login', async () => {
    const { fetcher, asked } = server({});
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('服务器未开启证书登录') });
    expect(asked).toEqual(['/auth/challenge']);
  });

  it('refuses a malformed challenge before unlocking the key', async () => {
    const { fetcher } = server({ '/auth/challenge': [200, { challenge: { nonce: 'x' } }] });
    await expect(certificateLogin(fetcher, 'ws://10.0.0.5:1234', neverAsked)).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('获取登录质询失败') });
  });

  it('is refused plainly by a host without sync', async () => {
    await expect(async () => offlineSyncHandlers().configureWithCertificate({ url: 'ws://a:1', pin: '123456' })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: '此运行方式不支持同步' });
  });
});
