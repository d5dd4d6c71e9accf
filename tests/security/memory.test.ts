import * as encoding from 'lib0/encoding';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../core/sync/protocol';
import { createRecord } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { MiB, readMetric, residentBytes } from '../helpers/server-probe';
import { until } from '../sync/helpers';

/** A sync step 1 from a client the server has never seen: answered with the whole document, each time anew. */
function step1(client: number): Uint8Array {
  const sv = encoding.encode((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0);
  });
  return encoding.encode((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncMessageType.step1);
    encoding.writeVarUint8Array(e, sv);
  });
}

/**
 * Issue 9, memory: 8 sockets that never read each ask for a 4 MiB document 12 times (48 MiB
 * each: under the 64 MiB a socket may hold, 384 MiB together). The server-wide budget (256 MiB by
 * default) cuts the slowest readers until the rest fits, and an honest client keeps working.
 */
describe('never-reading sockets and the server-wide send budget', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  let token: string;
  beforeAll(async () => {
    addUser(dataDir, 'u', { unit: '市工信局' });
    token = tokenFor(dataDir, 'u');
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn'] });
    await createRecord(server.wsUrl, token, '大文件', 'note', { login: 'u', name: 'u', unit: '市工信局', role: 'unit_staff' });
    const writer = new RawClient(docUrl(server.wsUrl, '大文件', token));
    await writer.whenSynced();
    const chunk = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    writer.doc.transact(() => {
      for (let i = 0; i < 340; i++) writer.doc.getText('body').insert(0, chunk);
    });
    await until(() => (writer.acked.get(writer.doc.clientID) ?? 0) > 0, 'large document stored');
    writer.close();
  });

  /** 8 sockets that stop reading and send `requests` step 1s each (`client` names the state vector). */
  async function neverReading(requests: number, client: (socket: number, request: number) => number): Promise<WebSocket[]> {
    const attackers = Array.from({ length: 8 }, () => new WebSocket(docUrl(server.wsUrl, '大文件', token)));
    await Promise.all(attackers.map((ws) => new Promise((r) => ws.once('open', r))));
    attackers.forEach((ws, i) => {
      ws.on('error', () => {});
      // Never read again: the server's replies pile up in its send queue.
      (ws as unknown as { _socket: Socket })._socket.pause();
      for (let r = 0; r < requests; r++) ws.send(step1(client(i, r)));
    });
    return attackers;
  }

  /** Resolves once the server has queued all it is going to (bytes out steady for a second); returns the peak RSS meanwhile. */
  async function settled(pid: number): Promise<number> {
    let lastOut = -1;
    let steadySince = Date.now();
    let peakRss = 0;
    await until(() => {
      peakRss = Math.max(peakRss, residentBytes(pid));
      void readMetric(server.httpUrl, 'xietong_sync_bytes_out_total').then((n) => {
        if (n !== lastOut) [lastOut, steadySince] = [n, Date.now()];
      });
      return lastOut >= 0 && Date.now() - steadySince > 1000;
    }, 'replies queued', 120_000);
    return peakRss;
  }

  it('8 sockets asking 24 times for the same document share one copy of it', async () => {
    const pid = server.child.pid!;
    const rssBefore = residentBytes(pid);
    const attackers = await neverReading(24, () => 1);
    const peakRss = await settled(pid);
    console.log(`[memory] 8 never-reading sockets × 24 identical requests for a 4 MiB document: server RSS ${Math.round(rssBefore / MiB)} → peak ${Math.round(peakRss / MiB)} MiB`);
    expect(peakRss - rssBefore).toBeLessThan(100 * MiB);
    for (const ws of attackers) ws.terminate();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('8 sockets asking 12 times each with distinct state vectors: the slowest readers are cut until the rest fits, others are served', async () => {
    const writer = new RawClient(docUrl(server.wsUrl, '大文件', token));
    await writer.whenSynced();
    const pid = server.child.pid!;
    const rssBefore = residentBytes(pid);
    const openBefore = await readMetric(server.httpUrl, 'xietong_sync_connections');
    const cutMetric = () => readMetric(server.httpUrl, 'xietong_sync_rejected_frames_total', '{reason="slow-reader"}').catch(() => 0);
    const cutBefore = await cutMetric();

    const attackers = await neverReading(12, (socket, request) => 100 + socket * 12 + request);
    const peakRss = await settled(pid);
    const stillOpen = (await readMetric(server.httpUrl, 'xietong_sync_connections')) - openBefore;
    const queued = await readMetric(server.httpUrl, 'xietong_sync_buffered_bytes').catch(() => NaN);
    const cut = (await cutMetric()) - cutBefore;

    // Another user is still served: a write is acknowledged, a fresh reader gets the document.
    const started = performance.now();
    writer.doc.getText('note').insert(0, '仍可写入');
    const clock = Y.getState(writer.doc.store, writer.doc.clientID);
    await until(() => (writer.acked.get(writer.doc.clientID) ?? 0) >= clock, 'honest write acknowledged');
    const roundTrip = performance.now() - started;
    const reader = new RawClient(docUrl(server.wsUrl, '大文件', token));
    await reader.whenSynced();
    expect(reader.doc.getText('note').toString()).toBe('仍可写入');

    console.log(
      `[memory] 8 never-reading sockets × 12 requests for a ${Math.round(Y.encodeStateAsUpdate(writer.doc).length / MiB)} MiB document: ` +
        `${stillOpen} still connected, ${cut} cut as slow readers, ${Math.round(queued / MiB)} MiB queued; ` +
        `server RSS ${Math.round(rssBefore / MiB)} → peak ${Math.round(peakRss / MiB)} MiB; honest round trip ${Math.round(roundTrip)} ms`,
    );
    // 8 × 48 MiB does not fit in 256 MiB: at least 3 of them are cut, the rest fit.
    expect(stillOpen).toBeLessThanOrEqual(5);
    expect(cut).toBeGreaterThanOrEqual(3);
    expect(queued).toBeLessThanOrEqual(256 * MiB);
    for (const ws of attackers) ws.terminate();
    writer.close();
    reader.close();
  });
});
