import { useEffect } from 'react';
import type { AppInfo } from '../../../core/ipc/contract';
import type { AppErrorShape } from '../../../core/result';
import { api } from '../bridge';
import { useQuery } from '../shared/useQuery';

const POLL_MS = 15_000;

/** `ok` once the local service (main process or web host) answers; sync state is separate (syncStore). */
export type ConnectionState = 'connecting' | 'ok' | 'service-error';

export interface Connection {
  state: ConnectionState;
  info: AppInfo | undefined;
  /** Why the local service did not answer. */
  error: AppErrorShape | null;
}

/** Whether the local service answers app.info; polled, and asked again when the window regains focus. */
export function useConnection(): Connection {
  const { data, error, reload } = useQuery('app.info', () => api.app.info());

  useEffect(() => {
    const timer = window.setInterval(reload, POLL_MS);
    window.addEventListener('online', reload);
    window.addEventListener('focus', reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', reload);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);

  let state: ConnectionState;
  if (error) state = 'service-error';
  else if (!data) state = 'connecting';
  else state = 'ok';
  return { state, info: data, error };
}
