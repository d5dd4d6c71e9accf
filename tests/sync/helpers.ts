import type { Actor } from '../../core/kernel/actor';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket v3 provider as an app would use it: token in `params`, no BroadcastChannel. */
export function stockClient(wsUrl: string, docName: string, token: string, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } {
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  return { doc, provider };
}

/** Polls until `check` (sync or async) holds; fails with `what` after `timeoutMs` (a hang guard, not a performance assertion). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Polls until `probe` returns a value, and returns it (a hang guard, not a performance assertion). */
export async function untilValue<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A person as the events name them (`by`): the login, its display name, unit and workflow role. */
export const person = (login: string, unit = '测试单位', role: Actor['role'] = 'unit_staff'): Actor => ({ login, name: login, unit, role });
