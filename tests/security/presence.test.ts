import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRecord } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { AwarenessClient, awarenessMessage } from '../helpers/awareness-client';
import { MiB, residentBytes } from '../helpers/server-probe';
import { stockClient, until } from '../sync/helpers';

type PresenceState = { user?: { login?: string; name?: string; unit?: string; color?: string } };

/**
 * Issue 9, presence: the server sets who a presence state is (a read-only user cannot appear as
 * 林督查), and a flood of 900,000 awareness entries neither grows the server's memory nor stalls
 * another user's round trip.
 */
describe('presence under attack', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    addUser(dataDir, 'zhang', { unit: '市工信局', name: '张三' });
    addUser(dataDir, 'li', { unit: '市工信局', name: '李四' });
    addUser(dataDir, 'reader', { unit: '市工信局', name: '王读者', role: 'reader' });
    for (const login of ['zhang', 'li', 'reader']) token[login] = tokenFor(dataDir, login);
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn'] });
    // The documents exist (created by zhang), so the reader of 市工信局 may view them.
    for (const name of ['会商纪要', '另一份文件']) {
      await createRecord(server.wsUrl, token.zhang!, name, 'note', { login: 'zhang', name: '张三', unit: '市工信局', role: 'unit_staff' });
      const writer = new RawClient(docUrl(server.wsUrl, name, token.zhang!));
      await writer.whenSynced();
      writer.doc.getText('body').insert(0, name);
      await until(() => (writer.acked.get(writer.doc.clientID) ?? 0) > 0, 'document created');
      writer.close();
    }
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('a read-only user cannot appear under another person’s name', async () => {
    const observer = new AwarenessClient(docUrl(server.wsUrl, '会商纪要', token.zhang!));
    const impostor = new AwarenessClient(docUrl(server.wsUrl, '会商纪要', token.reader!));
    await Promise.all([observer.opened, impostor.opened]);
    await observer.roundTrip();
    impostor.send(awarenessMessage([[424242, 1, { user: { login: 'dcs.lin', name: '林督查', unit: '市政府督查室' } }]]));
    await until(() => observer.states.has(424242), 'the impostor’s presence relayed');
    expect((observer.states.get(424242) as PresenceState).user).toEqual({ login: 'reader', name: '王读者', unit: '市工信局' });
    observer.close();
    impostor.close();
  });

  it('the stock y-websocket client still shows presence, under the account’s name, with its own fields', async () => {
    const a = stockClient(server.wsUrl, '会商纪要', token.zhang!);
    const b = stockClient(server.wsUrl, '会商纪要', token.li!);
    try {
      a.provider.awareness.setLocalStateField('user', { name: '随便写的名字', color: '#c00' });
      b.provider.awareness.setLocalStateField('user', { name: '李四', color: '#00c' });
      const seenByB = () => b.provider.awareness.getStates().get(a.doc.clientID) as PresenceState | undefined;
      const seenByA = () => a.provider.awareness.getStates().get(b.doc.clientID) as PresenceState | undefined;
      await until(() => seenByB()?.user?.login === 'zhang' && seenByA()?.user?.login === 'li', 'presence both ways');
      expect(seenByB()!.user).toEqual({ login: 'zhang', name: '张三', unit: '市工信局', color: '#c00' });
      expect(seenByA()!.user).toEqual({ login: 'li', name: '李四', unit: '市工信局', color: '#00c' });
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it('a flood of 900,000 entries is capped: memory stays flat and another user is answered throughout', async () => {
    const pid = server.child.pid!;
    const rssBefore = residentBytes(pid);
    const writer = new RawClient(docUrl(server.wsUrl, '另一份文件', token.li!));
    await writer.whenSynced();
    const attackers = Array.from({ length: 3 }, () => new AwarenessClient(docUrl(server.wsUrl, '会商纪要', token.reader!)));
    await Promise.all(attackers.map((a) => a.opened));
    const perMessage = 500;
    const messages = 600;
    let nextId = 1_000_000;
    // Built before the clock starts, so this process is idle while the server takes the flood.
    const flood = attackers.map(() =>
      Array.from({ length: messages }, () => awarenessMessage(Array.from({ length: perMessage }, () => [nextId++, 1, { user: { name: '刷屏' }, n: nextId }] as const))),
    );
    const roundTrips: number[] = [];
    let flooding = true;
    // Another user's edit on another document, acknowledged (durable) while the flood goes on.
    const honest = (async () => {
      let i = 0;
      while (flooding || i < 3) {
        const started = performance.now();
        writer.doc.getText('body').insert(0, `第${i++}次`);
        const clock = Y.getState(writer.doc.store, writer.doc.clientID);
        await until(() => (writer.acked.get(writer.doc.clientID) ?? 0) >= clock, 'honest round trip', 60_000);
        roundTrips.push(performance.now() - started);
      }
    })();
    const floodStarted = performance.now();
    for (let m = 0; m < messages; m++) {
      attackers.forEach((a, i) => a.send(flood[i]![m]!));
      if (m % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    // Every attacker's flood has been handled (or its connection closed) before measuring.
    await Promise.all(attackers.map((a) => Promise.race([a.roundTrip(), a.closed])));
    const floodMs = performance.now() - floodStarted;
    flooding = false;
    await honest;
    const rssAfter = residentBytes(pid);
    const sent = nextId - 1_000_000;
    const newcomer = new AwarenessClient(docUrl(server.wsUrl, '会商纪要', token.zhang!));
    await newcomer.opened;
    await newcomer.roundTrip();
    const kept = newcomer.states.size;
    const worst = Math.max(...roundTrips);
    console.log(
      `[presence] ${sent} entries sent (handled in ${Math.round(floodMs)} ms): ${kept} kept; server RSS ${Math.round(rssBefore / MiB)} → ${Math.round(rssAfter / MiB)} MiB; ` +
        `${roundTrips.length} honest round trips during the flood, worst ${Math.round(worst)} ms, median ${Math.round(roundTrips.sort((x, y) => x - y)[roundTrips.length >> 1]!)} ms`,
    );
    expect(sent).toBe(900_000);
    // 3 connections × 4 entries each at most.
    expect(kept).toBeLessThanOrEqual(12);
    expect(rssAfter - rssBefore).toBeLessThan(100 * MiB);
    expect(roundTrips.length).toBeGreaterThanOrEqual(3);
    for (const a of [...attackers, newcomer]) a.close();
    writer.close();
  });
});
