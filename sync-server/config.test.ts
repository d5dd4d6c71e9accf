import { describe, expect, it } from 'vitest';
import { defaultPublicUrl } from './auth/cert-login';
import { ConfigError, NO_TRUST, parseConfig } from './config';

describe('--public-url (the address certificate-login challenges name)', () => {
  it('is normalised as the app normalises server addresses', () => {
    const url = (v: string) => parseConfig(['--data', '/tmp/x', '--insecure-demo', '--public-url', v]).publicUrl;
    expect(url('ws://10.0.0.5:1234/')).toBe('ws://10.0.0.5:1234');
    expect(url('https://Sync.Example.gov.cn/oa/')).toBe('wss://sync.example.gov.cn/oa');
    expect(url('http://10.0.0.5:1234')).toBe('ws://10.0.0.5:1234');
    expect(url('10.0.0.5:1234')).toBe('ws://10.0.0.5:1234');
    expect(parseConfig(['--data', '/tmp/x', '--insecure-demo']).publicUrl).toBeUndefined();
  });

  it('refuses an address a client could not dial', () => {
    expect(() => parseConfig(['--data', '/tmp/x', '--insecure-demo', '--public-url', 'ftp://x'])).toThrow(ConfigError);
    expect(() => parseConfig(['--data', '/tmp/x', '--insecure-demo', '--public-url', 'ftp://x'])).toThrow('--public-url:服务器地址应以 ws:// 或 http:// 开头');
  });

  it('defaults to the listening address, and is unknown on every interface', () => {
    expect(defaultPublicUrl('127.0.0.1', 4321)).toBe('ws://127.0.0.1:4321');
    expect(defaultPublicUrl('::1', 4321)).toBe('ws://[::1]:4321');
    expect(defaultPublicUrl('Sync.Local', 80)).toBe('ws://sync.local');
    for (const any of ['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '']) expect(defaultPublicUrl(any, 4321)).toBeNull();
  });
});

describe('the trust configuration', () => {
  it('is required: without --trust-ca the server refuses to start unless --insecure-demo is given', () => {
    expect(() => parseConfig(['--data', '/tmp/x'])).toThrow(NO_TRUST);
    expect(parseConfig(['--data', '/tmp/x', '--trust-ca', 'ca.pem']).trustCa).toBe('ca.pem');
    const demo = parseConfig(['--insecure-demo', '--data', '/tmp/x']);
    expect([demo.insecureDemo, demo.dataDir]).toEqual([true, '/tmp/x']);
    expect(() => parseConfig(['--data', '/tmp/x', '--trust-ca', 'ca.pem', '--insecure-demo'])).toThrow('不能同时使用');
  });
});

describe('login limits flags', () => {
  it('reads --trusted-proxy as a list and --login-body-timeout-ms as a number', () => {
    const c = parseConfig(['--data', '/tmp/x', '--insecure-demo', '--trusted-proxy', '10.0.0.1, 10.0.0.2', '--login-body-timeout-ms', '2000']);
    expect([c.trustedProxies, c.loginBodyTimeoutMs]).toEqual([['10.0.0.1', '10.0.0.2'], 2000]);
    expect(parseConfig(['--data', '/tmp/x', '--insecure-demo']).trustedProxies).toEqual([]);
  });
});
