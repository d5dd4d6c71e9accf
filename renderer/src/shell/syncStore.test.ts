import { describe, expect, it, vi } from 'vitest';
import type { SyncStatusView } from '../../../core/ipc/sync';

const answers: SyncStatusView[] = [];
vi.mock('../bridge', () => ({
  api: { sync: { status: () => Promise.resolve({ ok: true, value: answers.shift() }) } },
  onAppEvent: () => () => {},
  onResync: () => () => {},
}));
const { reloadSyncStatus, setSyncStatus, syncSnapshot } = await import('./syncStore');

const view = (state: SyncStatusView['state'], version: number): SyncStatusView => ({
  state,
  server: 'ws://127.0.0.1:1234',
  user: null,
  pending: 0,
  lastSyncAt: null,
  error: null,
  needsLogin: false,
  removed: [],
  version,
});

describe('the sync status a window shows', () => {
  it('keeps a newer event when an older answer arrives after it', () => {
    setSyncStatus(view('online', 5));
    setSyncStatus(view('connecting', 3));
    expect(syncSnapshot().status?.state).toBe('online');
    setSyncStatus(view('offline', 6));
    expect(syncSnapshot().status?.state).toBe('offline');
  });

  it('takes the answer as it is after the event socket reconnected (the host may have restarted)', async () => {
    setSyncStatus(view('online', 9));
    answers.push(view('connecting', 1));
    reloadSyncStatus(true);
    await vi.waitFor(() => expect(syncSnapshot().status?.version).toBe(1));
    answers.push(view('online', 0));
    reloadSyncStatus();
    await new Promise((r) => setTimeout(r, 10));
    expect(syncSnapshot().status?.version).toBe(1);
  });
});
