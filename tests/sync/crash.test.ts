import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseEventJson } from '../../core/sync/event-json';
import { recordEvent } from '../../core/sync/testing/record-events';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { createRecord, MuxClient } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const writer = person('writer', '市工信局');

/**
 * SIGKILL during a burst of writes from several clients, then restart: everything the server
 * acknowledged (covered by a state vector it sent) must be there. The raw client records every
 * state vector the server sent; the restarted server's state must cover all of them.
 */
describe('crash durability', () => {
  const servers: SyncServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
  });

  it('keeps every acknowledged update across SIGKILL', async () => {
    const dataDir = tempDir();
    addUser(dataDir, 'writer', { unit: '市工信局' });
    const token = tokenFor(dataDir, 'writer');
    const first = await startSyncServer({ dataDir, args: ['--ack-delay-ms', '20'] });
    servers.push(first);
    const docs = ['crash-a', 'crash-b'];
    for (const d of docs) await createRecord(first.wsUrl, token, d, 'note', writer);
    const clients = Array.from({ length: 6 }, (_, i) => new RawClient(docUrl(first.wsUrl, docs[i % 2]!, token)));
    await Promise.all(clients.map((c) => c.whenSynced()));

    let sent = 0;
    let killed = false;
    const burst = clients.map(async (client, i) => {
      for (let n = 0; n < 600 && !killed; n++) {
        if (n % 3 === 0) client.doc.getText('body').insert(0, `${i}:${n} `);
        else if (n % 3 === 1) client.doc.getMap('fields').set(`k${i}`, n);
        else client.doc.getArray('items').push([{ id: `${i}-${n}` }]);
        sent++;
        if (n % 5 === 0) await new Promise((r) => setImmediate(r));
      }
    });
    // Kill once acknowledgements have started to arrive, while the burst is still running.
    await until(() => sent >= 1800 && clients.every((c) => (c.acked.get(c.doc.clientID) ?? 0) > 0), 'half the burst, acknowledged in part');
    killed = true;
    await first.stop('SIGKILL');
    await Promise.all(burst);
    const acked = clients.map((c) => new Map(c.acked));
    for (const c of clients) c.close();

    // Any free port: every client was closed, and only readers made below connect to the restarted
    // server. (Asking for the dead server's port again can meet EADDRINUSE if another connection
    // on this machine took it as its ephemeral port in between.)
    const second = await startSyncServer({ dataDir });
    servers.push(second);
    let coveredChecks = 0;
    for (const doc of docs) {
      const reader = new RawClient(docUrl(second.wsUrl, doc, token));
      await reader.whenSynced();
      const sv = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
      clients.forEach((c, i) => {
        if (docs[i % 2] !== doc) return;
        for (const [client, clock] of acked[i]!) {
          expect(sv.get(client) ?? 0, `client ${client} acknowledged up to ${clock} on ${doc}`).toBeGreaterThanOrEqual(clock);
          coveredChecks++;
        }
      });
      reader.close();
    }
    expect(coveredChecks).toBeGreaterThan(0);
  });

  it('keeps everything an app engine reported as synced across SIGKILL, events included', async () => {
    const dataDir = tempDir();
    addUser(dataDir, 'writer', { unit: '市工信局' });
    const first = await startSyncServer({ dataDir });
    servers.push(first);
    for (let d = 0; d < 3; d++) await createRecord(first.wsUrl, tokenFor(dataDir, 'writer'), `engine-crash-${d}`, 'note', writer);
    const engines = [0, 1, 2].map(() => {
      const storage = new MemoryStorage();
      const engine = new SyncEngine({ storage, url: first.wsUrl, token: tokenFor(dataDir, 'writer'), backoffBaseMs: 50 });
      // Whenever the engine says nothing is pending, its local state is what the server must keep.
      const synced = new Map<string, Map<number, number>>();
      const confirmed = new Set<string>();
      engine.on('status', (s) => {
        if (s.pending !== 0) return;
        for (const id of storage.listDocIds()) {
          synced.set(id, Y.decodeStateVector(storage.encodeStateVector(id)));
          for (const e of storage.events(id)) if (e.status === 'confirmed') confirmed.add(`${id}/${e.event.id}`);
        }
      });
      engine.start();
      return { engine, storage, synced, confirmed };
    });
    let killed = false;
    const bursts = engines.map(async ({ storage }, i) => {
      for (let n = 0; n < 400 && !killed; n++) {
        const id = `engine-crash-${n % 3}`;
        storage.doc(id).getText('body').insert(0, `${i}.${n} `);
        if (n % 5 === 0) storage.act(id, recordEvent(writer, 'comment', { text: `${i}.${n}` }));
        if (n % 4 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    });
    await until(() => engines.every((e) => e.synced.size > 0), 'some pushes acknowledged');
    killed = true;
    await first.stop('SIGKILL');
    await Promise.all(bursts);
    for (const e of engines) e.engine.destroy();
    const second = await startSyncServer({ dataDir }); // any free port, as above
    servers.push(second);
    let checks = 0;
    for (const { synced } of engines) {
      for (const [doc, sv] of synced) {
        const reader = new RawClient(docUrl(second.wsUrl, doc, tokenFor(dataDir, 'writer')));
        await reader.whenSynced();
        const have = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
        for (const [client, clock] of sv) {
          expect(have.get(client) ?? 0, `${doc}: client ${client} reported synced up to ${clock}`).toBeGreaterThanOrEqual(clock);
          checks++;
        }
        reader.close();
      }
    }
    expect(checks).toBeGreaterThan(0);
    // Every event an engine saw confirmed is in the server's log after the restart.
    const client = new MuxClient(second.wsUrl, tokenFor(dataDir, 'writer'));
    const stored = new Set<string>();
    for (const entry of (await client.feed(0)).page.entries) {
      for (const e of entry.events) {
        const parsed = parseEventJson(e.json);
        if (parsed.ok) stored.add(`${entry.name}/${parsed.event.id}`);
      }
    }
    client.close();
    const confirmed = engines.flatMap((e) => [...e.confirmed]);
    expect(confirmed.length).toBeGreaterThan(3);
    for (const key of confirmed) expect(stored.has(key), `${key} confirmed before the crash`).toBe(true);
  });
});
