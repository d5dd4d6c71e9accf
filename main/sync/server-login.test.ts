import { describe, expect, it } from 'vitest';
import { httpBase, normalizeServerUrl, tokenLogin } from './server-login';
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
