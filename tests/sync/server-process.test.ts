import { describe, expect, it, vi } from 'vitest';
import { startSyncServer, type SyncServerProcess } from '../../main/sync/testing/server-process';

describe('the test helper that starts a sync server', () => {
  // A test that outlived the start deadline once had its server SIGKILLed under it (CI, e2e sync).
  it('bounds only the start: the server keeps running after the start deadline has passed', async () => {
    // The deadline runs on a fake clock: however long the real start takes on a loaded machine,
    // the deadline cannot fire during it; afterwards the test moves that clock far past it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let server: SyncServerProcess | null = null;
    try {
      server = await startSyncServer({ startTimeoutMs: 1_000 });
      vi.advanceTimersByTime(60_000);
      vi.useRealTimers();
      // A deadline still armed would have called child.kill('SIGKILL') just now (`killed` is set synchronously).
      expect(server.child.killed).toBe(false);
      expect(server.child.signalCode).toBeNull();
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
    } finally {
      vi.useRealTimers();
      await server?.stop('SIGKILL');
    }
  });
});
