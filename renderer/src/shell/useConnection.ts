import { useEffect, useSyncExternalStore } from 'react';
import type { AppInfo } from '../../../core/ipc/contract';
import type { AppErrorShape } from '../../../core/result';
import { api } from '../bridge';
import { useQuery } from '../shared/useQuery';

const POLL_MS = 15_000;

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'service-error';

export interface Connection {
  state: ConnectionState;
  info: AppInfo | undefined;
  /** Why the local service did not answer. */
  error: AppErrorShape | null;
}

/** Network state (navigator.onLine) plus whether the local service answers app.info; polled. */
export function useConnection(): Connection {
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
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
  else state = online ? 'online' : 'offline';
  return { state, info: data, error };
}
