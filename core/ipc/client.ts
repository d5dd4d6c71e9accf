import { AppErrorShape, type Result } from '../result';
import { channelOf, contract, type Area, type InputOf, type MethodOf, type MethodSpec, type OutputOf } from './contract';
import { describeIssues } from './dispatch';

/** What the preload (or the web shim) exposes as `window.xietong`. */
export interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

export type Api = {
  [A in Area]: {
    [M in MethodOf<A>]: (input?: InputOf<A, M>) => Promise<Result<OutputOf<A, M>>>;
  };
};

/**
 * The one typed client. Responses are `unknown` until the contract's output schema has
 * checked them; transport failures come back as `{ok:false, error:{code:'TRANSPORT'}}`.
 */
export function createApi(invoke: Bridge['invoke']): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const area of Object.keys(contract) as Area[]) {
    const methods: Record<string, (input?: unknown) => Promise<Result<unknown>>> = {};
    for (const [name, spec] of Object.entries(contract[area]) as Array<[string, MethodSpec]>) {
      const channel = channelOf(area, name);
      methods[name] = async (input) => {
        let raw: unknown;
        try {
          raw = await invoke(channel, input ?? {});
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          return { ok: false, error: { code: 'TRANSPORT', message: `无法连接本地服务:${message}` } };
        }
        return checkResponse(spec, raw);
      };
    }
    api[area] = methods;
  }
  return api as unknown as Api;
}

function checkResponse(spec: MethodSpec, raw: unknown): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const envelope = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (envelope.ok === true) {
      const value = spec.output.safeParse(envelope.value);
      if (value.success) return { ok: true, value: value.data };
      return { ok: false, error: { code: 'TRANSPORT', message: `响应格式有误:${describeIssues(value.error)}` } };
    }
    const error = AppErrorShape.safeParse(envelope.error);
    if (envelope.ok === false && error.success) return { ok: false, error: error.data };
  }
  return { ok: false, error: { code: 'TRANSPORT', message: '响应格式有误' } };
}
