import type { Actor } from '../core/supervision/actor';
import { recordEvent } from '../core/sync/testing/record-events';
import { SyncEngine } from '../main/sync/engine';
import { MemoryStorage } from '../main/sync/memory-storage';
import type { Transport } from '../main/sync/types';
import { wsTransport } from '../main/sync/ws-transport';
import { BENCH_ACTOR, BENCH_ADMIN, startOurs } from './sync-servers';

const now = () => performance.now();
/** The seed's importer: records of an import are created by `system:import` (unsigned, from an administrator). */
const IMPORT: Actor = { login: 'system:import', name: '文件导入', unit: BENCH_ACTOR.unit, role: 'supervisor' };

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Catch-up after being offline, against real records on a server with --trust-ca: `docs` 督办
 * items imported as the seed is (立项 and 交办 by `system:import`, fields and body), a client
 * holding them goes offline, 林督查 changes `changed` of them (a body edit and a signed 催办 each),
 * and the client comes back. Measures the time until it has caught up and the bytes it
 * transferred, against the bytes of the changes themselves (updates and events).
 * (The records are in the engine's in-memory storage: the app's SQLite store syncs events once
 * it has the event API — main/sync/store-storage.ts, EventStore.)
 */
export async function runCatchup(opts: { docs?: number; changed?: number } = {}): Promise<Record<string, unknown>> {
  const docs = opts.docs ?? 10_000;
  const changed = opts.changed ?? 100;
  const server = await startOurs();
  const engines: SyncEngine[] = [];
  try {
    const token = server.params.token!;
    const importerStore = new MemoryStorage();
    const importer = new SyncEngine({ storage: importerStore, url: server.wsUrl, token: server.tokenFor(BENCH_ADMIN) });
    engines.push(importer);
    importer.start();
    await within(importer.whenIdle(), 30_000, 'importer connect');
    const seedStarted = now();
    for (let i = 0; i < docs; i++) {
      const id = `catchup-${i}`;
      const doc = importerStore.create(id, 'supervision', IMPORT);
      importerStore.act(id, recordEvent(IMPORT, 'assign', { assignments: [{ unit: BENCH_ACTOR.unit, role: 'lead' }] }));
      doc.transact(() => {
        doc.getMap('fields').set('title', `督办事项 ${i}`);
        doc.getText('body').insert(0, `第${i}项:推进数字政府建设,按期报送进展。`);
      });
    }
    await within(importer.whenIdle(), 600_000, 'seeding');
    const seedMs = now() - seedStarted;

    const readerStore = new MemoryStorage();
    let bytesIn = 0;
    let bytesOut = 0;
    const counting: Transport = (url, handlers) => {
      const socket = wsTransport(url, {
        ...handlers,
        onMessage: (data) => {
          bytesIn += data.length;
          handlers.onMessage(data);
        },
      });
      return { send: (data) => ((bytesOut += data.length), socket.send(data)), close: (c, r) => socket.close(c, r) };
    };
    const reader = new SyncEngine({ storage: readerStore, url: server.wsUrl, token, transport: counting });
    engines.push(reader);
    const initialStarted = now();
    reader.start();
    await within(reader.whenIdle(), 600_000, 'initial sync');
    const initialSyncMs = now() - initialStarted;
    const initialBytesIn = bytesIn;
    if (readerStore.docs.size !== docs) throw new Error(`reader has ${readerStore.docs.size} of ${docs} documents`);
    reader.stop();

    // 林督查 changes some of them while the reader is offline: a body edit and a signed 催办 each.
    const writerStore = new MemoryStorage();
    const writer = new SyncEngine({ storage: writerStore, url: server.wsUrl, token });
    engines.push(writer);
    writer.start();
    await within(writer.whenIdle(), 600_000, 'writer catches up');
    let changedBytes = 0;
    const stopCounting = writerStore.onLocalUpdate((_id, update) => (changedBytes += update.length));
    const targets = Array.from({ length: changed }, (_, k) => Math.floor((k * docs) / changed));
    for (const i of targets) {
      const id = `catchup-${i}`;
      writerStore.doc(id).getText('body').insert(0, '【已办结】');
      const urge = server.sign(id, recordEvent(BENCH_ACTOR, 'urge', { units: [BENCH_ACTOR.unit], level: 'yellow', text: '请于本周内报送进展' }));
      changedBytes += JSON.stringify(urge).length;
      writerStore.act(id, urge);
    }
    stopCounting();
    await within(writer.whenIdle(), 60_000, 'offline changes');

    bytesIn = 0;
    bytesOut = 0;
    const started = now();
    reader.start();
    const caughtUp = () =>
      targets.every((i) => readerStore.doc(`catchup-${i}`).getText('body').toString().startsWith('【已办结】') && readerStore.events(`catchup-${i}`).some((e) => e.event.type === 'urge'));
    await within(
      (async () => {
        await reader.whenIdle();
        while (!caughtUp()) await new Promise((r) => setTimeout(r, 2));
      })(),
      60_000,
      'catch-up',
    );
    const catchUpMs = now() - started;
    return {
      docs,
      changed,
      records: 'supervision (imported: create + assign by system:import), changes: body edit + signed 催办',
      seedMs: Math.round(seedMs),
      initialSyncMs: Math.round(initialSyncMs),
      initialSyncBytesIn: initialBytesIn,
      catchUpMs: Math.round(catchUpMs),
      changedBytes,
      bytesIn,
      bytesOut,
      ratio: Math.round(((bytesIn + bytesOut) / changedBytes) * 100) / 100,
      target: { ms: 2000, ratio: 1.5 },
      pass: catchUpMs <= 2000 && bytesIn + bytesOut <= 1.5 * changedBytes,
      serverPeakRssMb: server.memory().peakMb,
    };
  } catch (err) {
    return { docs, changed, error: err instanceof Error ? err.message : String(err) };
  } finally {
    for (const e of engines) e.destroy();
    await server.stop();
  }
}
