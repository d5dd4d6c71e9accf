import type { Bridge } from '../../../core/ipc/client';

/** The small part of the DOM WebSocket the bridge uses; tests pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface WebBridgeDeps {
  /** Page URL, e.g. `http://127.0.0.1:5170/#/supervision`; /rpc and /events are resolved against it. */
  baseUrl: string;
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
    status: number;
    text(): Promise<string>;
  }>;
  openSocket: (url: string) => SocketLike;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Where unreadable event messages are reported. */
  warn?: (message: string) => void;
}

export interface WebBridge extends Bridge {
  /**
   * Called after the event socket reconnects: events sent while it was down are lost,
   * so whoever shows data should fetch it again.
   */
  onReconnect(listener: () => void): () => void;
}

export const rpcUrl = (baseUrl: string): string => new URL('/rpc', baseUrl).toString();

export function eventsUrl(baseUrl: string): string {
  const url = new URL('/events', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** 1 s, 2 s, 4 s … capped at 30 s. */
export const backoffMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

/**
 * POSTs `{channel, input}` to /rpc. The body is returned as parsed JSON whatever the HTTP
 * status (the host sends error envelopes with 4xx/5xx); createApi validates it. A body
 * that is not JSON is a transport failure and is thrown, so createApi reports it.
 */
export async function postRpc(deps: Pick<WebBridgeDeps, 'baseUrl' | 'fetch'>, channel: string, input: unknown): Promise<unknown> {
  const response = await deps.fetch(rpcUrl(deps.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel, input }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`本地服务返回了无法识别的内容(HTTP ${response.status})`);
  }
}

export function createWebBridge(deps: WebBridgeDeps): WebBridge {
  const eventListeners = new Set<(event: unknown) => void>();
  const reconnectListeners = new Set<() => void>();
  let socket: SocketLike | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let everOpened = false;

  const connect = (): void => {
    timer = null;
    const ws = deps.openSocket(eventsUrl(deps.baseUrl));
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      if (everOpened) reconnectListeners.forEach((l) => l());
      everOpened = true;
    };
    ws.onmessage = (ev) => {
      let event: unknown;
      try {
        event = JSON.parse(String(ev.data));
      } catch {
        deps.warn?.(`无法解析的事件消息:${String(ev.data).slice(0, 200)}`);
        return;
      }
      eventListeners.forEach((l) => l(event));
    };
    ws.onerror = () => {
      // onclose follows and schedules the reconnect.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (eventListeners.size === 0 && reconnectListeners.size === 0) return;
      timer = deps.setTimer(connect, backoffMs(attempt));
      attempt += 1;
    };
  };

  const ensureConnected = (): void => {
    if (socket === null && timer === null) connect();
  };

  const maybeDisconnect = (): void => {
    if (eventListeners.size > 0 || reconnectListeners.size > 0) return;
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    const ws = socket;
    socket = null;
    everOpened = false;
    attempt = 0;
    ws?.close();
  };

  return {
    invoke: (channel, input) => postRpc(deps, channel, input),
    onEvent(listener) {
      eventListeners.add(listener);
      ensureConnected();
      return () => {
        eventListeners.delete(listener);
        maybeDisconnect();
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      ensureConnected();
      return () => {
        reconnectListeners.delete(listener);
        maybeDisconnect();
      };
    },
  };
}

/** The bridge for a real browser page. */
export function browserWebBridge(): WebBridge {
  return createWebBridge({
    baseUrl: window.location.href,
    fetch: (url, init) => window.fetch(url, init),
    openSocket: (url) => {
      const ws = new WebSocket(url);
      const socket: SocketLike = { onopen: null, onmessage: null, onclose: null, onerror: null, close: () => ws.close() };
      ws.onopen = (ev) => socket.onopen?.(ev);
      ws.onmessage = (ev) => socket.onmessage?.(ev);
      ws.onclose = (ev) => socket.onclose?.(ev);
      ws.onerror = (ev) => socket.onerror?.(ev);
      return socket;
    },
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    warn: (message) => console.warn(message),
  });
}
