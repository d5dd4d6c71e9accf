import { createApi, type Api } from '../../core/ipc/client';

export { repoRoot, startHostProcess, tempDataDir, type HostProcess } from './host-process';

/** The typed contract client over a web host's `/rpc`, exactly as the browser renderer uses it. */
export function webApi(url: string): Api {
  return createApi(async (channel, input) => {
    const res = await fetch(new URL('rpc', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, input }),
    });
    return (await res.json()) as unknown;
  });
}

/** Posts a raw body to `/rpc`, for malformed-input tests. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL('rpc', url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as unknown };
}
