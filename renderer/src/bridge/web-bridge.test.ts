import { describe, expect, it } from 'vitest';
import { createApi } from '../../../core/ipc/client';
import { backoffMs, createWebBridge, eventsUrl, rpcUrl, type SocketLike, type WebBridgeDeps } from './web-bridge';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  drop() {
    this.onerror?.({});
    this.onclose?.({});
  }
}

function harness(respond: (body: { channel: string; input: unknown }) => { status: number; text: string } | Error) {
  const requests: Array<{ url: string; body: { channel: string; input: unknown } }> = [];
  const sockets: FakeSocket[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const warnings: string[] = [];
  const deps: WebBridgeDeps = {
    baseUrl: 'http://127.0.0.1:5170/#/supervision?lead=x',
    fetch: async (url, init) => {
      const body = JSON.parse(init.body) as { channel: string; input: unknown };
      requests.push({ url, body });
      const answer = respond(body);
      if (answer instanceof Error) throw answer;
      return { status: answer.status, text: async () => answer.text };
    },
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
    warn: (m) => warnings.push(m),
  };
  return { bridge: createWebBridge(deps), requests, sockets, timers, warnings };
}

const info = { version: '0.1.0', dataDir: '/data', records: 3, shell: 'web', syncServer: null };

describe('web bridge RPC', () => {
  it('resolves /rpc and /events against the page', () => {
    expect(rpcUrl('http://127.0.0.1:5170/index.html#/x')).toBe('http://127.0.0.1:5170/rpc');
    expect(eventsUrl('http://127.0.0.1:5170/#/x')).toBe('ws://127.0.0.1:5170/events');
    expect(eventsUrl('https://oa.example.gov.cn/')).toBe('wss://oa.example.gov.cn/events');
  });

  it('posts {channel, input} and hands the envelope to createApi', async () => {
    const h = harness(() => ({ status: 200, text: JSON.stringify({ ok: true, value: info }) }));
    const api = createApi(h.bridge.invoke);
    await expect(api.app.info()).resolves.toEqual({ ok: true, value: info });
    expect(h.requests).toEqual([{ url: 'http://127.0.0.1:5170/rpc', body: { channel: 'app.info', input: {} } }]);
  });

  it('passes error envelopes through whatever the HTTP status', async () => {
    const envelope = { ok: false, error: { code: 'NOT_FOUND', message: '未找到督办事项' } };
    const h = harness(() => ({ status: 404, text: JSON.stringify(envelope) }));
    const api = createApi(h.bridge.invoke);
    await expect(api.supervision.get({ id: 'nope' })).resolves.toEqual(envelope);
  });

  it('turns a non-JSON body and a failed fetch into transport errors', async () => {
    const html = harness(() => ({ status: 502, text: '<html>Bad Gateway</html>' }));
    const r1 = await createApi(html.bridge.invoke).app.info();
    expect(r1).toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
    expect(r1.ok ? '' : r1.error.message).toContain('HTTP 502');

    const down = harness(() => new TypeError('Failed to fetch'));
    const r2 = await createApi(down.bridge.invoke).app.info();
    expect(r2).toEqual({ ok: false, error: { code: 'TRANSPORT', message: '无法连接本地服务:Failed to fetch' } });
  });

  it('rejects a response that does not match the contract', async () => {
    const h = harness(() => ({ status: 200, text: JSON.stringify({ ok: true, value: { version: 1 } }) }));
    await expect(createApi(h.bridge.invoke).app.info()).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT' } });
  });
});

describe('web bridge events', () => {
  it('opens the socket on first subscribe and delivers parsed messages', () => {
    const h = harness(() => new Error('unused'));
    const got: unknown[] = [];
    expect(h.sockets).toHaveLength(0);
    const off = h.bridge.onEvent((e) => got.push(e));
    expect(h.sockets.map((s) => s.url)).toEqual(['ws://127.0.0.1:5170/events']);
    const ws = h.sockets[0]!;
    ws.onopen?.({});
    ws.onmessage?.({ data: JSON.stringify({ type: 'records-changed', ids: ['a'] }) });
    ws.onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ type: 'records-changed', ids: ['a'] }]);
    expect(h.warnings).toHaveLength(1);
    off();
    expect(ws.closed).toBe(true);
  });

  it('reconnects with back-off and reports the reconnect', () => {
    const h = harness(() => new Error('unused'));
    let reconnects = 0;
    h.bridge.onEvent(() => {});
    h.bridge.onReconnect(() => reconnects++);
    expect(h.sockets).toHaveLength(1);
    h.sockets[0]!.onopen?.({});

    h.sockets[0]!.drop();
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.timers[0]!.fn();
    h.sockets[1]!.drop(); // never opened
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    h.timers[1]!.fn();
    expect(h.sockets).toHaveLength(3);
    h.sockets[2]!.onopen?.({});
    expect(reconnects).toBe(1);

    h.sockets[2]!.drop();
    expect(h.timers[2]!.ms).toBe(1000); // back-off resets after a successful open
  });

  it('stops reconnecting when the last listener leaves', () => {
    const h = harness(() => new Error('unused'));
    const off = h.bridge.onEvent(() => {});
    h.sockets[0]!.drop();
    expect(h.timers).toHaveLength(1);
    off();
    expect(h.timers[0]!.cleared).toBe(true);
  });

  it('caps the back-off at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
