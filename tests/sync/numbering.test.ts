import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocNumber } from '../../core/documents/doc-number';
import type { DocumentWorkflow } from '../../core/documents/view';
import { openApp, type OpenedApp } from '../../main/app/open-app';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { appCall as call } from '../helpers/pin-dispatch';
import { untilValue as until } from './helpers';

/**
 * 编号 through a real sync server. Three clients (three machines of the 督查室, which numbers
 * its own 督查通报) each finish 20 通报 while the server is down: 编号 leaves them 待编号. The
 * server comes up, all three sync at once, and every 公文 takes a number of the one series:
 * distinct and consecutive. Then 10 more each, and the server is killed (SIGKILL) while the
 * numbers are being handed out and started again: still no gap and no duplicate.
 */
const SERIES = '厦督通';
const PER_CLIENT = 20;
const apps: OpenedApp[] = [];
let server: SyncServerProcess | null = null;
afterAll(async () => {
  for (const a of apps.splice(0)) a.close();
  await server?.stop('SIGKILL');
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Drafts, submits, signs and asks a number for `n` 通报; returns their ids (all 待编号: the server is down). */
async function finishOffline(app: OpenedApp, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await call<{ id: string }>(app, 'documents.draft', { docKind: '通报', title: `关于${tag}第${i + 1}项督办事项的通报`, issuerCode: SERIES });
    let w = await call<DocumentWorkflow>(app, 'documents.step', { id, basis: null, step: { type: 'submit' } });
    w = await call(app, 'documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } });
    w = await call(app, 'documents.number', { id });
    expect(w).toMatchObject({ phase: 'numbering', awaitingNumber: true, number: null });
    ids.push(id);
  }
  return ids;
}

const numbersOf = async (app: OpenedApp, ids: string[]) =>
  Promise.all(ids.map(async (id) => (await call<DocumentWorkflow>(app, 'documents.workflow', { id })).number));

describe('编号 through the real sync server', () => {
  it('3 clients × 20 drafts finished offline, all synced at once: distinct and consecutive; a kill mid-allocation leaves no gap and no duplicate', async () => {
    const dir = tempDir('xietong-numbers-');
    addUser(dir, 'dcs.lin', { name: '林督查', unit: '市政府督查室' });
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const token = tokenFor(dir, 'dcs.lin');
    const clients = [0, 1, 2].map(() => {
      const app = openApp({ dataDir: tempDir('xietong-numbers-client-'), shell: 'web', autoSeed: false, sync: { connect: { url, token }, engine: { backoffBaseMs: 50, backoffMaxMs: 400 } } });
      apps.push(app);
      return app;
    });
    const mine = await Promise.all(clients.map((c, i) => finishOffline(c, PER_CLIENT, `${i + 1}号机`)));

    server = await startSyncServer({ dataDir: dir, port, areas: 'app' });
    const first = await until(async () => {
      const all = await Promise.all(clients.map((c, i) => numbersOf(c, mine[i]!)));
      return all.every((list) => list.every((n) => n !== null)) && all.flat();
    }, 'every 公文 numbered');
    expect(first.every((n) => n!.local === false)).toBe(true);
    const seqs = first.map((n) => parseDocNumber(n!.docNumber)!);
    expect(new Set(seqs.map((s) => s.issuerCode))).toEqual(new Set([SERIES]));
    expect(seqs.map((s) => s.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 3 * PER_CLIENT }, (_, i) => i + 1));

    // Second round: the server goes down, 10 more each, then it is killed while it numbers them.
    await server.stop('SIGTERM');
    const more = await Promise.all(clients.map((c, i) => finishOffline(c, 10, `${i + 1}号机补充`)));
    server = await startSyncServer({ dataDir: dir, port, areas: 'app' });
    const atKill = await until(async () => {
      const got = (await Promise.all(clients.map((c, i) => numbersOf(c, more[i]!)))).flat().filter((n) => n !== null).length;
      return got > 0 && got;
    }, 'the first new numbers', 120_000);
    await server.stop('SIGKILL');
    console.log(`numbering: killed the server with ${atKill} of 30 numbers taken`);
    server = await startSyncServer({ dataDir: dir, port, areas: 'app' });
    const second = await until(async () => {
      const all = await Promise.all(clients.map((c, i) => numbersOf(c, more[i]!)));
      return all.every((list) => list.every((n) => n !== null)) && all.flat();
    }, 'every 公文 numbered after the restart');
    const everything = [...first, ...second].map((n) => parseDocNumber(n!.docNumber)!.seq).sort((a, b) => a - b);
    expect(everything).toEqual(Array.from({ length: 3 * PER_CLIENT + 30 }, (_, i) => i + 1));
    // Each client sees the others' numbers too (the same series, one ledger).
    const seen = await numbersOf(clients[0]!, mine[1]!);
    expect(seen.map((n) => n?.docNumber)).toEqual(first.slice(PER_CLIENT, 2 * PER_CLIENT).map((n) => n!.docNumber));
  }, 600_000);
});
