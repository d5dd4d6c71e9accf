import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { readMetric } from '../helpers/server-probe';

/** Issue 9, metrics: a frame over the size limit is closed with 1009 and counted as too-large. */
describe('/metrics after an oversized frame', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  let token: string;
  beforeAll(async () => {
    addUser(dataDir, 'u', { unit: '市工信局' });
    token = tokenFor(dataDir, 'u');
    server = await startSyncServer({ dataDir, args: ['--max-message-bytes', '4096'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('counts too-large once per 1009 close, on both endpoints', async () => {
    const before = await readMetric(server.httpUrl, 'xietong_sync_rejected_frames_total', '{reason="too-large"}');
    const stock = new RawClient(docUrl(server.wsUrl, 'big', token));
    await stock.whenSynced();
    stock.sendRaw(new Uint8Array(10_000));
    expect((await stock.closed).code).toBe(CloseCode.tooLarge);
    const mux = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${token}`);
    const closed = new Promise<number>((resolve) => mux.once('close', (code) => resolve(code)));
    await new Promise((r) => mux.once('open', r));
    mux.send(new Uint8Array(10_000));
    expect(await closed).toBe(CloseCode.tooLarge);
    expect(await readMetric(server.httpUrl, 'xietong_sync_rejected_frames_total', '{reason="too-large"}')).toBe(before + 2);
    // Nothing else was counted for these closes.
    expect(await readMetric(server.httpUrl, 'xietong_sync_rejected_frames_total', '{reason="malformed"}')).toBe(0);
  });
});
