import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../../core/sync/mux';
import { CloseCode, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { withAccounts } from '../../main/sync/admin';
import { recordEvent } from '../../core/sync/testing/record-events';
import { createRecord, MuxClient } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const ownerActor = person('owner', '市工信局');

describe('authentication and access control', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  let owner: string;

  beforeAll(async () => {
    addUser(dataDir, 'owner', { unit: '市工信局' });
    addUser(dataDir, 'colleague', { unit: '市工信局' });
    addUser(dataDir, 'reader', { unit: '市工信局', role: 'reader' });
    addUser(dataDir, 'outsider', { unit: '市财政局' });
    addUser(dataDir, 'guest', { unit: '市财政局' });
    withAccounts(dataDir, (a) => a.putUser({ login: 'pw', name: '口令用户', units: ['市财政局'], role: 'staff' }));
    server = await startSyncServer({ dataDir, args: ['--acl-poll-ms', '200'] });
    owner = tokenFor(dataDir, 'owner');
    // The owner creates the record (its `create` event): it belongs to 市工信局.
    await createRecord(server.wsUrl, owner, 'secret-doc', 'note', ownerActor);
    const c = new RawClient(docUrl(server.wsUrl, 'secret-doc', owner));
    await c.whenSynced();
    c.doc.getText('body').insert(0, '机密内容');
    await until(() => (c.acked.get(c.doc.clientID) ?? 0) >= 4, 'creation acknowledged');
    c.close();
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  async function refused(url: string): Promise<{ code: number; reason: string; received: number }> {
    const c = new RawClient(url, { sendStep1: false });
    const { code, reason } = await c.closed;
    return { code, reason, received: c.received };
  }

  it('refuses missing, malformed, expired and forged tokens before sending anything', async () => {
    const base = `${server.wsUrl}/secret-doc`;
    const expired = tokenFor(dataDir, 'owner', 60, Date.now() - 3600_000);
    const [, payload, sig] = owner.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'outsider', iat: 1, exp: 4102444800 })).toString('base64url');
    const otherSecret = 'xt1.' + payload + '.' + Buffer.alloc(32, 7).toString('base64url');
    for (const url of [base, `${base}?token=`, `${base}?token=garbage`, `${base}?token=${expired}`, `${base}?token=xt1.${forgedPayload}.${sig}`, `${base}?token=${otherSecret}`]) {
      const r = await refused(url);
      expect(r.code, url).toBe(CloseCode.unauthenticated);
      expect(r.received, url).toBe(0);
      expect(r.reason).toContain('unauthenticated');
    }
  });

  it('gives a non-member nothing: closed with 4403 and zero bytes, on both endpoints', async () => {
    const r = await refused(docUrl(server.wsUrl, 'secret-doc', tokenFor(dataDir, 'outsider')));
    expect(r.code).toBe(CloseCode.forbidden);
    expect(r.received).toBe(0);

    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${tokenFor(dataDir, 'outsider')}`);
    const frames: ReturnType<typeof decodeServerFrame>[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    const step1 = new Uint8Array([0, 0, 1, 0]);
    ws.send(encodeClientFrame({ type: 'doc', name: 'secret-doc', message: step1 }));
    ws.send(encodeClientFrame({ type: 'sv', id: 1, name: 'secret-doc' }));
    ws.send(encodeClientFrame({ type: 'feed', id: 2, since: 0, limit: 100, full: false }));
    await until(() => frames.some((f) => f.type === 'feed'), 'feed answer');
    ws.close();
    expect(frames.find((f) => f.type === 'denied')).toMatchObject({ name: 'secret-doc', code: 4403 });
    expect(frames.find((f) => f.type === 'sv')).toMatchObject({ status: 1 });
    expect(frames.some((f) => f.type === 'doc')).toBe(false);
    const feed = frames.find((f) => f.type === 'feed');
    expect(feed?.type === 'feed' && feed.page.entries.map((e) => e.name)).toEqual([]);
  });

  it('lets a unit member in, and a reader only read', async () => {
    const colleague = new RawClient(docUrl(server.wsUrl, 'secret-doc', tokenFor(dataDir, 'colleague')));
    const reader = new RawClient(docUrl(server.wsUrl, 'secret-doc', tokenFor(dataDir, 'reader')));
    await Promise.all([colleague.whenSynced(), reader.whenSynced()]);
    expect(reader.doc.getText('body').toString()).toBe('机密内容');
    reader.doc.getText('body').insert(0, '读者篡改');
    colleague.doc.getMap('fields').set('note', 'ok');
    // The reader receives the colleague's write; the colleague never receives the reader's.
    await until(() => reader.doc.getMap('fields').get('note') === 'ok', 'viewer receives updates');
    const check = new RawClient(docUrl(server.wsUrl, 'secret-doc', owner));
    await check.whenSynced();
    await until(() => check.doc.getMap('fields').get('note') === 'ok', 'fresh reader sees the edit');
    expect(check.doc.getText('body').toString()).toBe('机密内容');
    expect(colleague.doc.getText('body').toString()).toBe('机密内容');
    for (const c of [colleague, reader, check]) c.close();
  });

  it('disconnects a user within seconds of a revocation', async () => {
    withAccounts(dataDir, (a) => a.grant('secret-doc', 'guest', 'editor'));
    const guest = new RawClient(docUrl(server.wsUrl, 'secret-doc', tokenFor(dataDir, 'guest')));
    await guest.whenSynced();
    expect(guest.doc.getText('body').toString()).toContain('机密内容');
    withAccounts(dataDir, (a) => a.revoke('secret-doc', 'guest'));
    const { code } = await guest.closed;
    expect(code).toBe(CloseCode.forbidden);
    expect((await refused(docUrl(server.wsUrl, 'secret-doc', tokenFor(dataDir, 'guest')))).code).toBe(CloseCode.forbidden);
  });

  it('gives access to the units a record\'s events name, never to units its fields name', async () => {
    await createRecord(server.wsUrl, owner, 'shared-item', 'note', ownerActor);
    const c = new RawClient(docUrl(server.wsUrl, 'shared-item', owner));
    await c.whenSynced();
    // Fields are unsigned edits: naming 市财政局 as 责任单位 there shares nothing.
    c.doc.getMap('fields').set('responsible', ['市财政局']);
    await until(() => (c.acked.get(c.doc.clientID) ?? 0) >= 1, 'write acknowledged');
    expect((await refused(docUrl(server.wsUrl, 'shared-item', tokenFor(dataDir, 'outsider')))).code).toBe(CloseCode.forbidden);
    // An event the area's access rule reads (a `share`) does.
    const m = new MuxClient(server.wsUrl, owner);
    expect((await m.submit('shared-item', [recordEvent(ownerActor, 'share', { units: ['市财政局'] })]))[0]).toMatchObject({ status: 'ok' });
    const outsider = new RawClient(docUrl(server.wsUrl, 'shared-item', tokenFor(dataDir, 'outsider')));
    await until(() => outsider.synced || outsider.closeCode !== null, 'outsider answered');
    expect(outsider.closeCode).toBeNull();
    expect(outsider.doc.getMap('fields').get('responsible')).toEqual(['市财政局']);
    // An event that takes the unit out takes the access away at once.
    expect((await m.submit('shared-item', [recordEvent(ownerActor, 'unshare', { units: ['市财政局'] })]))[0]).toMatchObject({ status: 'ok' });
    const { code } = await outsider.closed;
    expect(code).toBe(CloseCode.forbidden);
    m.close();
    c.close();
  });

  it('logs in with a password over POST /auth/login', async () => {
    const hash = (await import('../../core/sync/password')).hashPassword('正确的口令', (await import('../../main/sync/admin')).nodePasswordCrypto);
    withAccounts(dataDir, (a) => a.putUser({ login: 'pw', name: '口令用户', units: ['市工信局'], role: 'staff', passwordHash: hash }));
    const post = (body: unknown) => fetch(`${server.httpUrl}/auth/login`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ login: 'pw', password: '错误' })).status).toBe(401);
    expect((await post({ login: 'nobody', password: 'x' })).status).toBe(401);
    expect((await post({ nonsense: true })).status).toBe(401);
    const ok = await post({ login: 'pw', password: '正确的口令' });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const c = new RawClient(docUrl(server.wsUrl, 'secret-doc', token));
    await c.whenSynced();
    expect(c.doc.getText('body').toString()).toBe('机密内容');
    c.close();
  });

  it('reports health and metrics', async () => {
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/xietong_sync_rejected_frames_total\{reason="unauthenticated"\} [1-9]/);
    expect(metrics).toMatch(/xietong_sync_rejected_frames_total\{reason="read-only"\} [1-9]/);
    expect(metrics).toContain('xietong_sync_loaded_docs');
  });
});
