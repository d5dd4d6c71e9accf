import type { Dispatch } from '../../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../../core/ipc/supervision';
import type { Result } from '../../../core/result';
import type { Session } from '../session';

/**
 * Calls through the dispatcher as a client would (errors come back as values), optionally as
 * another demo identity first. `app` is read on every call: tests make a new dispatcher and
 * session per test.
 */
export function dispatchClient(app: () => { dispatch: Dispatch; session: Session }) {
  async function call<T>(channel: string, input: unknown, as?: string): Promise<Result<T>> {
    const { dispatch, session } = app();
    if (as) session.switchTo(as);
    return (await dispatch(channel, input)) as Result<T>;
  }
  /** Like call, but the value itself; a failure throws with its code and message. */
  async function ok<T>(channel: string, input: unknown, as?: string): Promise<T> {
    const result = await call<T>(channel, input, as);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
  /** A 督办 action on the item's current head, as `as` if given (the head is read as that identity). */
  async function act(id: string, action: unknown, as?: string): Promise<Result<SupervisionDetail>> {
    const { head } = await ok<SupervisionDetail>('supervision.get', { id }, as);
    return call<SupervisionDetail>('supervision.act', { id, basis: head, action });
  }
  return { call, ok, act };
}
