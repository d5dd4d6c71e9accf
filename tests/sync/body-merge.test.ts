import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, bodyText, setBodyText } from '../../core/records/record-doc';
import { bodyEditPlan } from '../../core/records/testing/body-edit-plan';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const SEEDS = process.env.BODY_MERGE_SEED ? [Number(process.env.BODY_MERGE_SEED)] : [1, 2, 3];
const UNIT = '市工信局';

/**
 * Two offices edit one 正文 offline (different paragraphs and the same paragraph) and then sync
 * through a real sync server process with the app's SyncEngine: both edits are present once, every
 * replica and the server's copy are identical. After the record's `create` event, only Yjs body updates are exchanged.
 */
describe('offline body edits merge through the sync server', () => {
  const dataDir = tempDir('xietong-body-merge-');
  let server: SyncServerProcess;

  beforeAll(async () => {
    addUser(dataDir, 'gxj.wang', { unit: UNIT });
    addUser(dataDir, 'gxj.li', { unit: UNIT });
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: edits of different paragraphs and of one paragraph are each present once`, async () => {
      const plan = bodyEditPlan(seed);
      const name = `body-merge-${seed}`;
      const stores = [new MemoryStorage(), new MemoryStorage()] as const;
      const engines = stores.map(
        (storage, i) => new SyncEngine({ storage, url: server.wsUrl, token: tokenFor(dataDir, i === 0 ? 'gxj.wang' : 'gxj.li'), backoffBaseMs: 20, backoffMaxMs: 200 }),
      );
      const why = `seed ${seed} (rerun with BODY_MERGE_SEED=${seed})`;
      try {
        engines.forEach((e) => e.start());
        // A record exists on the server from its signed-off `create` event; its body edits follow.
        stores[0].create(name, 'note', person('gxj.wang', UNIT));
        setBodyText(stores[0].doc(name), plan.base);
        await until(() => stores[1].docs.has(name) && bodyText(stores[1].doc(name)) === plan.base, `${why}: the body reaches B`);
        await Promise.all(engines.map((e) => e.whenIdle()));

        engines.forEach((e) => e.stop());
        setBodyText(stores[0].doc(name), plan.aText);
        setBodyText(stores[1].doc(name), plan.bText);
        engines.forEach((e) => e.start());

        await until(
          () => stores.every((s) => bodyText(s.doc(name)) === plan.expected) && engines.every((e) => e.status().state === 'online' && e.status().pending === 0),
          `${why}: both replicas merge (A: ${bodyText(stores[0].doc(name))} / B: ${bodyText(stores[1].doc(name))})`,
          45_000,
        );
        expect(bodyOf(stores[1].doc(name)).toString(), why).toBe(bodyOf(stores[0].doc(name)).toString());
        expect(bodyText(stores[0].doc(name)).split(plan.inserted).length - 1, why).toBe(1);

        const reader = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'gxj.wang')));
        await reader.whenSynced();
        expect(bodyOf(reader.doc).toString(), `${why}: the server's copy`).toBe(bodyOf(stores[0].doc(name)).toString());
        reader.close();
      } finally {
        engines.forEach((e) => e.destroy());
      }
    }, 90_000);
  }
});
