import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../../core/sync/mux';
import { CloseCode, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { createRecord } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

describe('limits, compaction, unloading and graceful shutdown', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  let token: string;
  const args = ['--max-message-bytes', '4096', '--max-docs-per-connection', '2', '--idle-ms', '1000', '--compact-every', '20'];
  beforeAll(async () => {
    addUser(dataDir, 'u', { unit: '市工信局' });
    token = tokenFor(dataDir, 'u');
    server = await startSyncServer({ dataDir, args });
    for (const name of ['big', 'compact-me', 'graceful']) await createRecord(server.wsUrl, token, name, 'note', person('u', '市工信局'));
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(await (await fetch(`${server.httpUrl}/metrics`)).text())?.[1]);

  it('closes a connection that sends a frame over the size limit (1009)', async () => {
    const c = new RawClient(docUrl(server.wsUrl, 'big', token));
    await c.whenSynced();
    c.sendRaw(new Uint8Array(10_000));
    expect((await c.closed).code).toBe(CloseCode.tooLarge);
  });

  it('refuses documents beyond the per-connection maximum, keeping the connection', async () => {
    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${token}`);
    const frames: ReturnType<typeof decodeServerFrame>[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    for (const name of ['d1', 'd2', 'd3']) ws.send(encodeClientFrame({ type: 'doc', name, message: new Uint8Array([0, 0, 1, 0]) }));
    ws.send(encodeClientFrame({ type: 'sv', id: 1, name: 'd1' }));
    await until(() => frames.some((f) => f.type === 'sv'), 'connection still answers');
    expect(frames.filter((f) => f.type === 'denied')).toEqual([{ type: 'denied', name: 'd3', code: 4429, reason: expect.any(String) as string }]);
    ws.close();
  });

  it('compacts the log into snapshots, unloads idle documents, and reloads them intact', async () => {
    const c = new RawClient(docUrl(server.wsUrl, 'compact-me', token));
    await c.whenSynced();
    for (let i = 0; i < 60; i++) c.doc.getArray('items').push([{ i }]);
    await until(() => (c.acked.get(c.doc.clientID) ?? 0) >= 60, 'writes acknowledged');
    expect(await metric('xietong_sync_compactions_total')).toBeGreaterThan(0);
    c.close();
    let lastLoaded = -1;
    await until(() => {
      void metric('xietong_sync_loaded_docs').then((n) => (lastLoaded = n));
      return lastLoaded === 0;
    }, 'idle documents unloaded');
    const again = new RawClient(docUrl(server.wsUrl, 'compact-me', token));
    await again.whenSynced();
    expect(again.doc.getArray('items').length).toBe(60);
    again.close();
  });

  it('stops gracefully on SIGTERM: closes sockets with 1001 and exits 0, and restarts with the data', async () => {
    const c = new RawClient(docUrl(server.wsUrl, 'graceful', token));
    await c.whenSynced();
    c.doc.getText('body').insert(0, '关闭前写入');
    await until(() => (c.acked.get(c.doc.clientID) ?? 0) > 0, 'write acknowledged');
    const code = await server.stop('SIGTERM');
    expect((await c.closed).code).toBe(CloseCode.goingAway);
    expect(code).toBe(0);
    server = await startSyncServer({ dataDir, args });
    const again = new RawClient(docUrl(server.wsUrl, 'graceful', token));
    await again.whenSynced();
    expect(again.doc.getText('body').toString()).toBe('关闭前写入');
    again.close();
  });
});
