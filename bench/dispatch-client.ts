import { createApi } from '../core/ipc/client';
import type { Dispatch } from '../core/ipc/dispatch';
import type { Result } from '../core/result';

type Method = (input: unknown) => Promise<Result<unknown>>;

/**
 * Calls a contract method by its channel name ('supervision.list') the way the renderer does:
 * the dispatcher (input schema, handler, output schema), the web host's JSON round trip, then
 * the typed client's output check. Only the HTTP hop and React are left out.
 */
export function channelClient(dispatch: Dispatch): (channel: string, input: unknown) => Promise<Result<unknown>> {
  const api = createApi(async (channel, input) => JSON.parse(JSON.stringify(await dispatch(channel, input))) as unknown);
  const methods = api as unknown as Record<string, Record<string, Method> | undefined>;
  return (channel, input) => {
    const [area = '', name = ''] = channel.split('.');
    const method = methods[area]?.[name];
    if (!method) throw new Error(`the contract has no method ${channel}`);
    return method(input);
  };
}
