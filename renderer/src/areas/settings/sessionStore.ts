import { useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../../../core/ipc/supervision';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';

/**
 * The current identity, shared by every page: loaded once, replaced by 演示身份切换. Pages whose
 * content depends on who is looking (待办, the actions offered on a 督办 item) key their queries
 * on `current.login`, so switching identity refreshes them.
 */
interface SessionState {
  info: SessionInfo | null;
  error: AppErrorShape | null;
}

let state: SessionState = { info: null, error: null };
let loading = false;
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const l of [...listeners]) l();
}

function load(): void {
  if (loading) return;
  loading = true;
  void api.session.get().then((result) => {
    loading = false;
    set(result.ok ? { info: result.value, error: null } : { info: state.info, error: result.error });
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!state.info && !loading) load();
  return () => listeners.delete(listener);
}

export function useSession(): SessionState & { reload: () => void } {
  const snapshot = useSyncExternalStore(subscribe, () => state);
  return { ...snapshot, reload: load };
}

/** Switches the identity; resolves to the error, if any. */
export async function switchIdentity(login: string): Promise<AppErrorShape | null> {
  const result = await api.session.switch({ login });
  if (!result.ok) return result.error;
  set({ info: result.value, error: null });
  return null;
}
