import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { recordEvent } from '../../core/sync/testing/record-events';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { prng } from './fuzz-frames';
import { person, until } from './helpers';

const SEEDS = Number(process.env.CONVERGENCE_SEEDS ?? 20);
const FIRST_SEED = Number(process.env.CONVERGENCE_SEED ?? 1);
const CLIENTS = 4;
const STEPS = 300;

/** Content compared across replicas; map keys sorted, since a Y.Map's iteration order is local. */
function snapshot(doc: Y.Doc): string {
  const fields = Object.entries(doc.getMap('fields').toJSON()).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ fields, body: doc.getText('body').toString() });
}

/** A record's events as one replica holds them: ids in the server's order, each status and seq. */
const eventsOf = (store: MemoryStorage, id: string) => JSON.stringify(store.events(id).map((e) => [e.event.id, e.status, e.seq]));

function randomEdit(rand: () => number, store: MemoryStorage, id: string, who: number, step: number): void {
  const doc = store.doc(id);
  const r = rand();
  if (r < 0.35) {
    doc.getMap('fields').set(`f${Math.floor(rand() * 5)}`, rand() < 0.2 ? null : `${who}-${step}`);
  } else if (r < 0.75) {
    const text = doc.getText('body');
    if (text.length > 0 && rand() < 0.3) {
      const at = Math.floor(rand() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(rand() * 4)));
    } else text.insert(Math.floor(rand() * (text.length + 1)), `${'甲乙丙丁'[who]}${step}`);
  } else {
    store.act(id, recordEvent(person(`u${who}`, '市政府办公厅'), 'comment', { text: `${who}-${step}` }, { id: `${id}-${who}-${step}` }));
  }
}

describe('seeded random convergence (engines + server)', () => {
  let server: SyncServerProcess;
  const tokens: string[] = [];
  beforeAll(async () => {
    const dataDir = tempDir();
    for (let i = 0; i < CLIENTS; i++) addUser(dataDir, `u${i}`, { unit: '市政府办公厅' });
    for (let i = 0; i < CLIENTS; i++) tokens.push(tokenFor(dataDir, `u${i}`));
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn', '--ack-delay-ms', '20', '--head-delay-ms', '10'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  for (let seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
    it(`seed ${seed}: ${CLIENTS} clients, ${STEPS} steps of offline/online toggles and edits converge`, async () => {
      const rand = prng(seed);
      const docs = ['a', 'b', 'c'].map((d) => `conv-${seed}-${d}`);
      const stores = Array.from({ length: CLIENTS }, () => new MemoryStorage());
      const engines = stores.map(
        (storage, i) => new SyncEngine({ storage, url: server.wsUrl, token: tokens[i]!, backoffBaseMs: 20, backoffMaxMs: 200, random: prng(seed * 7919 + i) }),
      );
      const online = engines.map(() => true);
      engines.forEach((e) => e.start());
      // The records exist first (their `create` events, by u0); everything else happens at random.
      for (const d of docs) stores[0]!.create(d, 'note', person('u0', '市政府办公厅'));
      await engines[0]!.whenIdle();
      try {
        for (let step = 0; step < STEPS; step++) {
          const who = Math.floor(rand() * CLIENTS);
          if (rand() < 0.12) {
            online[who] = !online[who];
            if (online[who]) engines[who]!.start();
            else engines[who]!.stop();
          } else {
            const doc = docs[Math.floor(rand() * docs.length)]!;
            randomEdit(rand, stores[who]!, doc, who, step);
          }
          if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 4)));
        }
        engines.forEach((e) => e.start());
        const views = () => docs.map((d) => stores.map((s) => (s.docs.has(d) ? `${snapshot(s.doc(d))}${eventsOf(s, d)}` : 'missing')));
        await until(
          () => engines.every((e) => e.status().state === 'online') && views().every((v) => v.every((x) => x === v[0] && x !== 'missing')),
          `seed ${seed}: replicas to converge`,
          45_000,
        );
        for (const d of docs) {
          const reader = new RawClient(docUrl(server.wsUrl, d, tokens[0]!));
          await reader.whenSynced();
          expect(snapshot(reader.doc), `seed ${seed}: server copy of ${d}`).toBe(snapshot(stores[0]!.doc(d)));
          reader.close();
          // Every event is confirmed, none lost, none twice.
          expect(stores[0]!.events(d).every((e) => e.status === 'confirmed'), `seed ${seed}: ${d} all confirmed`).toBe(true);
          expect(stores[0]!.events(d).map((e) => e.seq)).toEqual(stores[0]!.events(d).map((_, i) => i + 1));
        }
        for (const e of engines) expect(e.status().pending, `seed ${seed}: nothing pending`).toBe(0);
      } catch (err) {
        if (process.env.CONVERGENCE_DEBUG) {
          console.log(JSON.stringify(engines.map((e) => e.status())));
          for (const d of docs) console.log(d, JSON.stringify(stores.map((s) => (s.docs.has(d) ? [snapshot(s.doc(d)).length, s.events(d).map((e) => `${e.status}:${e.seq}`)] : 'missing'))));
        }
        throw new Error(`convergence failed for seed ${seed} (rerun with CONVERGENCE_SEED=${seed} CONVERGENCE_SEEDS=1): ${String(err)}`);
      } finally {
        engines.forEach((e) => e.destroy());
      }
    }, 90_000);
  }
});
