import type { Dispatch } from '../../core/ipc/dispatch';
import { DEMO_PIN } from '../../main/crypto/demo-pki';

/**
 * A call through an app's dispatcher that answers PIN_REQUIRED as the renderer does
 * (renderer/src/shared/pin-retry.ts): the demo PIN unlocks the key for the session, or rides
 * along with the call itself when a seal asks for it every time.
 */
export async function callWithPin(dispatch: Dispatch, channel: string, input: unknown): ReturnType<Dispatch> {
  const first = await dispatch(channel, input);
  if (first.ok || first.error.code !== 'PIN_REQUIRED') return first;
  const scope = (first.error as { details?: { scope?: string } }).details?.scope;
  if (scope === 'each') return dispatch(channel, { ...(input as object), pin: DEMO_PIN });
  const unlocked = await dispatch('signing.unlock', { pin: DEMO_PIN });
  if (!unlocked.ok) return unlocked;
  return dispatch(channel, input);
}

/** A contract call on an opened app answered as the renderer answers PIN prompts; its value, or an Error naming the channel. */
export async function appCall<T>(app: { dispatch: Dispatch }, channel: string, input: unknown): Promise<T> {
  const r = await callWithPin(app.dispatch, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
