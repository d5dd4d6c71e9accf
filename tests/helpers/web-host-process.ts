import { createApi, type Api } from '../../core/ipc/client';

export { repoRoot, startHostProcess, tempDataDir, type HostProcess } from './host-process';

/** The demo keys' PIN (main/crypto/demo-pki.ts): public by design. */
const DEMO_PIN = '123456';

/**
 * The typed contract client over a web host's `/rpc`, exactly as the browser renderer uses it,
 * including its answer to PIN_REQUIRED (renderer/src/shared/pin-retry.ts): the user types the
 * demo PIN — once per session to unlock the key, or with the call for a seal — and the call is sent again.
 */
export function webApi(url: string): Api {
  const post = async (channel: string, input: unknown): Promise<unknown> => {
    const res = await fetch(new URL('rpc', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, input }),
    });
    return (await res.json()) as unknown;
  };
  return createApi(async (channel, input) => {
    const first = (await post(channel, input)) as { ok?: boolean; error?: { code?: string; details?: { scope?: string } } };
    if (first.ok !== false || first.error?.code !== 'PIN_REQUIRED') return first;
    if (first.error.details?.scope === 'each') return post(channel, { ...(input as object), pin: DEMO_PIN });
    await post('signing.unlock', { pin: DEMO_PIN });
    return post(channel, input);
  });
}

/** Posts a raw body to `/rpc`, for malformed-input tests. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL('rpc', url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as unknown };
}
