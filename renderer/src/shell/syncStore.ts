import { useSyncExternalStore } from 'react';
import type { SyncStatusView } from '../../../core/ipc/sync';
import type { AppErrorShape } from '../../../core/result';
import { api, onAppEvent, onResync } from '../bridge';

/**
 * The sync status shared by the header and 设置: fetched once, then kept current by the
 * `sync-status` events main pushes (and fetched again when the event socket reconnected).
 */
interface SyncSnapshot {
  status: SyncStatusView | null;
  error: AppErrorShape | null;
}

let snapshot: SyncSnapshot = { status: null, error: null };
const listeners = new Set<() => void>();
let detach: (() => void) | null = null;

function set(next: SyncSnapshot, force = false): void {
  // An answer can arrive after an event that is newer than it (they travel on different channels).
  if (!force && next.status && snapshot.status && next.status.version < snapshot.status.version) return;
  snapshot = next;
  for (const l of [...listeners]) l();
}

/** `afterReconnect`: the host may have restarted (its versions start again), so take the answer as it is. */
export function reloadSyncStatus(afterReconnect = false): void {
  void api.sync.status().then((result) => set(result.ok ? { status: result.value, error: null } : { status: snapshot.status, error: result.error }, afterReconnect));
}

/** Replaces the status with one the caller already has (the answer of configure/disconnect). */
export function setSyncStatus(status: SyncStatusView): void {
  set({ status, error: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!detach) {
    const offEvent = onAppEvent((event) => {
      if (event.type === 'sync-status') set({ status: event.status, error: null });
    });
    const offResync = onResync(() => reloadSyncStatus(true));
    detach = () => {
      offEvent();
      offResync();
    };
    reloadSyncStatus();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      detach?.();
      detach = null;
    }
  };
}

export function syncSnapshot(): SyncSnapshot {
  return snapshot;
}

export function useSyncStatus(): SyncSnapshot {
  return useSyncExternalStore(subscribe, syncSnapshot);
}
