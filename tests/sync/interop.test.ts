import { afterAll, describe, expect, it } from 'vitest';
import { createRecord } from '../../main/sync/testing/mux-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, stockClient, until } from './helpers';

/** The stock client edits fields and body of records the app created (it has no workflow events). */

describe('interop with the stock y-websocket v3 client', () => {
  const dataDir = tempDir();
  addUser(dataDir, 'alice', { unit: '市工信局' });
  addUser(dataDir, 'bob', { unit: '市工信局' });
  const tokenA = tokenFor(dataDir, 'alice');
  const tokenB = tokenFor(dataDir, 'bob');
  const servers: SyncServerProcess[] = [];
  const cleanups: Array<() => void> = [];
  afterAll(async () => {
    for (const c of cleanups) c();
    for (const s of servers) await s.stop('SIGKILL');
  });

  it('a stock client cannot create a record by writing to a new name', async () => {
    const server = await startSyncServer({ dataDir });
    servers.push(server);
    const a = stockClient(server.wsUrl, 'interop-0', tokenA);
    cleanups.push(() => a.provider.destroy());
    await until(() => a.provider.synced, 'synced');
    a.doc.getText('body').insert(0, '抢占名称');
    const c = stockClient(server.wsUrl, 'interop-0', tokenB);
    cleanups.push(() => c.provider.destroy());
    let refusals = 0;
    await until(() => {
      void fetch(`${server.httpUrl}/metrics`).then(async (r) => (refusals = Number(/rejected_frames_total\{reason="not_created"\} (\d+)/.exec(await r.text())?.[1] ?? 0)));
      return refusals > 0 && c.provider.synced;
    }, 'the write refused and the second client synced');
    expect(c.doc.getText('body').toString()).toBe('');
    await server.stop();
  });

  it('two stock clients converge, edits on both sides', async () => {
    const server = await startSyncServer({ dataDir });
    servers.push(server);
    await createRecord(server.wsUrl, tokenA, 'interop-1', 'note', person('alice', '市工信局'));
    const a = stockClient(server.wsUrl, 'interop-1', tokenA);
    const b = stockClient(server.wsUrl, 'interop-1', tokenB);
    cleanups.push(() => a.provider.destroy(), () => b.provider.destroy());
    await until(() => a.provider.synced && b.provider.synced, 'both synced');
    a.doc.getText('body').insert(0, '甲方');
    b.doc.getMap('fields').set('title', '督办事项');
    await until(() => b.doc.getText('body').toString() === '甲方' && a.doc.getMap('fields').get('title') === '督办事项', 'convergence');
    await server.stop();
  });

  it('keeps edits made while the server is down and delivers them after it restarts', async () => {
    const first = await startSyncServer({ dataDir });
    servers.push(first);
    await createRecord(first.wsUrl, tokenA, 'interop-2', 'note', person('alice', '市工信局'));
    const a = stockClient(first.wsUrl, 'interop-2', tokenA);
    const b = stockClient(first.wsUrl, 'interop-2', tokenB);
    cleanups.push(() => a.provider.destroy(), () => b.provider.destroy());
    await until(() => a.provider.synced && b.provider.synced, 'both synced');
    a.doc.getText('body').insert(0, 'online ');
    await until(() => b.doc.getText('body').toString() === 'online ', 'first edit relayed');

    await first.stop('SIGKILL');
    await until(() => !a.provider.wsconnected && !b.provider.wsconnected, 'clients notice the server is gone');
    a.doc.getMap('fields').set('title', '离线修改');
    b.doc.getText('body').insert(0, 'offline-b ');
    b.doc.getMap('fields').set('deadline', '2022-12-31');

    const second = await startSyncServer({ dataDir, port: first.port });
    servers.push(second);
    await until(
      () => a.doc.getText('body').toString() === b.doc.getText('body').toString() && a.doc.getMap('fields').get('deadline') === '2022-12-31' && b.doc.getMap('fields').get('title') === '离线修改',
      'offline edits delivered after restart',
    );
    expect(a.doc.getText('body').toString()).toContain('offline-b');

    // A newcomer gets all of it from the server alone.
    const c = stockClient(second.wsUrl, 'interop-2', tokenA);
    cleanups.push(() => c.provider.destroy());
    await until(() => c.provider.synced && c.doc.getMap('fields').get('title') === '离线修改' && c.doc.getText('body').toString() === a.doc.getText('body').toString(), 'newcomer synced');
  });
});
