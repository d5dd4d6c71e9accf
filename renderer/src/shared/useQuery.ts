import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { AppErrorShape, Result } from '../../../core/result';
import { onAppEvent, onResync } from '../bridge';

export interface QueryState<T> {
  data: T | undefined;
  error: AppErrorShape | null;
  /** True while the request for the current key is in flight (earlier data stays visible). */
  loading: boolean;
  reload: () => void;
  /** Replaces the data with a value the caller already has (e.g. the answer of an update). */
  setData: (value: T) => void;
}

export interface QueryOptions {
  /**
   * Fetch again when records change. `true`: on any change; a function: when it accepts
   * the changed ids (an empty list means "unknown, maybe everything").
   */
  live?: boolean | ((ids: readonly string[]) => boolean);
  /** When false nothing is fetched (e.g. an empty search box). Default true. */
  enabled?: boolean;
}

interface Settled<T> {
  key: string;
  result: Result<T>;
}

/**
 * Runs `run` whenever `key` changes and turns its Result into {data, error, loading}.
 * `key` must capture everything `run` depends on (e.g. JSON of the filter).
 */
export function useQuery<T>(key: string, run: () => Promise<Result<T>>, options: QueryOptions = {}): QueryState<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const enabled = options.enabled ?? true;
  const fullKey = `${version}:${key}`;
  const fetchNow = useEffectEvent(run);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    fetchNow().then(
      (result) => {
        if (!cancelled) setSettled({ key: fullKey, result });
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (!cancelled) setSettled({ key: fullKey, result: { ok: false, error: { code: 'INTERNAL', message } } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fullKey, enabled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const live = options.live ?? false;
  const wants = useEffectEvent((ids: readonly string[]) => {
    if (live === true || (typeof live === 'function' && (ids.length === 0 || live(ids)))) reload();
  });
  const isLive = live !== false;
  useEffect(() => {
    if (!isLive) return;
    const offEvent = onAppEvent((event) => {
      if (event.type === 'records-changed') wants(event.ids);
    });
    const offResync = onResync(() => wants([]));
    return () => {
      offEvent();
      offResync();
    };
  }, [isLive]);

  const setData = useCallback((value: T) => setSettled({ key: fullKey, result: { ok: true, value } }), [fullKey]);

  const result = enabled ? settled?.result : undefined;
  return {
    data: result?.ok ? result.value : undefined,
    error: result && !result.ok ? result.error : null,
    loading: enabled && settled?.key !== fullKey,
    reload,
    setData,
  };
}
