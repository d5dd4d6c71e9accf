import { describe, expect, it } from 'vitest';
import { startSyncServer } from '../../main/sync/testing/server-process';

describe('the test helper that starts a sync server', () => {
  // A test that outlived the start deadline once had its server SIGKILLed under it (CI, e2e sync).
  it('bounds only the start: the server keeps running after the start deadline has passed', async () => {
    const startTimeoutMs = 6_000;
    const started = Date.now();
    const server = await startSyncServer({ startTimeoutMs });
    try {
      await new Promise((r) => setTimeout(r, Math.max(0, started + startTimeoutMs + 500 - Date.now())));
      expect(server.child.signalCode).toBeNull();
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 30_000);
});
