import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import { AccountRepository } from '../../core/sync/accounts';
import { AccessControl } from '../auth/access';
import { BlobService } from './service';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function setup(limits = { maxBlobBytes: 1024 * 1024, dailyBytes: 10 * 1024 * 1024, inflightBytes: 4 * 1024 * 1024 }, now = () => Date.now()) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-blobsrv-'));
  const db = new Database(path.join(dataDir, 'sync.db'));
  const accounts = new AccountRepository(db);
  const access = new AccessControl(accounts);
  for (const [login, unit] of [['alice', '市审批管理局'], ['carol', '市审批管理局'], ['bob', '市财政局']] as const) accounts.putUser({ login, name: login, units: [unit], role: 'staff' });
  accounts.setOwners('督办-1', ['市审批管理局']);
  db.prepare(`UPDATE docs SET kind = 'supervision'`).run(); // created, as its `create` event does
  const service = new BlobService({ dataDir, db, accounts, authenticate: (t) => access.authenticate(t), log: pino({ level: 'silent' }), limits, now });
  const server = http.createServer((req, res) => {
    if (!service.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    service.stop();
    server.close();
    server.closeAllConnections();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/blobs/`;
  const token = (login: string) => access.issue(login, 3600).token;
  const call = (login: string | null, method: string, key: string, init: { body?: Uint8Array; headers?: Record<string, string> } = {}) =>
    fetch(base + key, { method, ...(init.body ? { body: init.body } : {}), headers: { ...(login ? { Authorization: `Bearer ${token(login)}` } : {}), ...init.headers } });
  const put = (login: string, key: string, data: Uint8Array, start: number, end: number) =>
    call(login, 'PUT', key, { body: data.subarray(start, end + 1), headers: { 'Content-Range': `bytes ${start}-${end}/${data.length}` } });
  const head = async (login: string, key: string) => {
    const r = await call(login, 'HEAD', key);
    return { state: r.headers.get('x-blob-state'), received: Number(r.headers.get('x-blob-received')) };
  };
  return { service, accounts, call, put, head, dataDir, docId: accounts.docMeta('督办-1')!.id };
}

const errorOf = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error;
const bytes = (n: number, seed = 0) => new Uint8Array(n).map((_, i) => (i * 89 + seed) % 256);
const hex = (b: Uint8Array) => toHex(sm3(b));

describe('HEAD / PUT / GET /blobs/<sm3>', () => {
  it('an upload in pieces: HEAD tells how far it got; the last piece makes the blob; GET serves it whole or by range', async () => {
    const t = await setup();
    const data = bytes(300_000);
    const key = hex(data);
    expect(await t.head('alice', key)).toEqual({ state: 'none', received: 0 });
    expect(await (await t.put('alice', key, data, 0, 99_999)).json()).toEqual({ state: 'partial', received: 100_000 });
    expect(await t.head('alice', key)).toEqual({ state: 'partial', received: 100_000 });
    const wrongPlace = await t.put('alice', key, data, 200_000, 299_999);
    expect(wrongPlace.status).toBe(409);
    expect(await wrongPlace.json()).toMatchObject({ received: 100_000 });
    // Overlapping what the server has (a HEAD answered before an earlier request finished): the overlap is skipped.
    expect(await (await t.put('alice', key, data, 50_000, 149_999)).json()).toEqual({ state: 'partial', received: 150_000 });
    const last = await t.put('alice', key, data, 150_000, 299_999);
    expect([last.status, await last.json()]).toEqual([201, { state: 'complete', size: 300_000 }]);
    expect(fs.existsSync(path.join(t.dataDir, 'blobs', key.slice(0, 2), key))).toBe(true);
    const whole = await t.call('alice', 'GET', key);
    expect(Buffer.from(await whole.arrayBuffer()).equals(Buffer.from(data))).toBe(true);
    const part = await t.call('alice', 'GET', key, { headers: { Range: 'bytes=1000-1999' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, 'bytes 1000-1999/300000']);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(data.subarray(1000, 2000)))).toBe(true);
    expect((await t.call('alice', 'GET', key, { headers: { Range: 'bytes=300000-' } })).status).toBe(416);
    // Sending it again costs nothing: the server has it and alice may read it.
    expect(await (await t.put('alice', key, data, 0, 99_999)).json()).toEqual({ state: 'complete', size: 300_000 });
  });

  it('refuses bytes that are not what the name says, and keeps nothing of them', async () => {
    const t = await setup();
    const data = bytes(5000);
    const key = hex(bytes(5000, 1));
    const r = await t.put('alice', key, data, 0, 4999);
    expect([r.status, (await errorOf(r)).code]).toEqual([422, 'HASH_MISMATCH']);
    expect(await t.head('alice', key)).toEqual({ state: 'none', received: 0 });
    expect((await t.call('alice', 'GET', key)).status).toBe(403);
    expect(fs.readdirSync(path.join(t.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('serves a blob only to readers of a record that refers to it; others get 403 and no byte', async () => {
    const t = await setup();
    const data = bytes(2000);
    const key = hex(data);
    await t.put('alice', key, data, 0, 1999);
    expect((await t.call('carol', 'GET', key)).status).toBe(403);
    t.service.addRefs(t.docId, [key], 'alice');
    expect((await t.call('carol', 'GET', key)).status).toBe(200);
    const refused = await t.call('bob', 'GET', key);
    expect(refused.status).toBe(403);
    const body = Buffer.from(await refused.arrayBuffer());
    expect(body.includes(Buffer.from(data.subarray(0, 16)))).toBe(false);
    expect(JSON.parse(body.toString()).error.code).toBe('FORBIDDEN');
    // Bob is not told the server has it: HEAD says none, and only sending every byte makes it his.
    expect(await t.head('bob', key)).toEqual({ state: 'none', received: 0 });
    expect((await t.put('bob', key, data, 0, 1999)).status).toBe(201);
    expect((await t.call('bob', 'GET', key)).status).toBe(403);
    expect((await t.call(null, 'GET', key)).status).toBe(401);
    expect((await t.call('alice', 'GET', 'ABC')).status).toBe(400);
  });

  it('limits size, bytes per day and unfinished uploads per user', async () => {
    const t = await setup({ maxBlobBytes: 10_000, dailyBytes: 15_000, inflightBytes: 12_000 });
    const big = bytes(10_001);
    const tooBig = await t.put('alice', hex(big), big, 0, 999);
    expect([tooBig.status, (await errorOf(tooBig)).message]).toEqual([413, expect.stringContaining('附件超过服务器允许的大小')]);
    const a = bytes(8000, 1);
    const b = bytes(8000, 2);
    expect((await t.put('alice', hex(a), a, 0, 3999)).status).toBe(200);
    const second = await t.put('alice', hex(b), b, 0, 3999);
    expect([second.status, (await errorOf(second)).code]).toEqual([429, 'QUOTA']);
    expect((await t.put('alice', hex(a), a, 4000, 7999)).status).toBe(201);
    expect((await t.put('alice', hex(b), b, 0, 3999)).status).toBe(200);
    const daily = await t.put('alice', hex(b), b, 4000, 7999);
    expect([daily.status, (await errorOf(daily)).message]).toEqual([429, expect.stringContaining('今日上传附件已达上限')]);
    expect((await t.put('carol', hex(b), b, 0, 7999)).status).toBe(201);
  });

  it('an abandoned upload is dropped with its bytes after a day', async () => {
    let now = Date.UTC(2022, 5, 20);
    const t = await setup(undefined, () => now);
    const data = bytes(3000);
    await t.put('alice', hex(data), data, 0, 999);
    now += 25 * 3600 * 1000;
    await t.service.sweep();
    expect(await t.head('alice', hex(data))).toEqual({ state: 'none', received: 0 });
    expect(fs.readdirSync(path.join(t.dataDir, 'blobs', 'tmp'))).toEqual([]);
  });
});
