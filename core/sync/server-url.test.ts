import { describe, expect, it } from 'vitest';
import { parseServerUrl } from './server-url';

describe('parseServerUrl (the app and the sync server name a server the same way)', () => {
  it('turns what people type into ws(s)://host[:port][/path]', () => {
    const url = (s: string) => {
      const r = parseServerUrl(s);
      return r.ok ? r.url : r.message;
    };
    expect(url('ws://10.0.0.5:1234/')).toBe('ws://10.0.0.5:1234');
    expect(url(' http://10.0.0.5:1234 ')).toBe('ws://10.0.0.5:1234');
    expect(url('https://Sync.Example.gov.cn/oa/')).toBe('wss://sync.example.gov.cn/oa');
    expect(url('127.0.0.1:1234')).toBe('ws://127.0.0.1:1234');
    expect(url('ws://[::1]:1234')).toBe('ws://[::1]:1234');
    expect(url('ws://sync.example.gov.cn:80')).toBe('ws://sync.example.gov.cn');
  });

  it('says why an address is refused', () => {
    expect(parseServerUrl('ftp://x')).toEqual({ ok: false, message: '服务器地址应以 ws:// 或 http:// 开头:ftp://x' });
    expect(parseServerUrl('ws://a b')).toEqual({ ok: false, message: '服务器地址无效:ws://a b' });
  });
});
