import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAccounts } from '../../main/sync/admin';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { recordEvent } from '../../core/sync/testing/record-events';
import { person, stockClient, until } from './helpers';

const alice = person('alice', '市工信局');
const bob = person('bob', '市工信局');

describe('the app sync engine against a real server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const engines: SyncEngine[] = [];
  const engine = (login: string, storage = new MemoryStorage(), token = tokenFor(dataDir, login)) => {
    const e = new SyncEngine({ storage, url: server.wsUrl, token, backoffBaseMs: 20, backoffMaxMs: 300 });
    engines.push(e);
    e.start();
    return { e, storage };
  };
  beforeAll(async () => {
    addUser(dataDir, 'alice', { unit: '市工信局' });
    addUser(dataDir, 'bob', { unit: '市工信局' });
    addUser(dataDir, 'carol', { unit: '市财政局' });
    server = await startSyncServer({ dataDir, args: ['--acl-poll-ms', '200', '--head-delay-ms', '10'] });
  });
  afterAll(async () => {
    for (const e of engines) e.destroy();
    await server?.stop('SIGKILL');
  });

  it('converges with stock y-websocket clients on the same record; events reach the engines', async () => {
    const a = engine('alice');
    const b = engine('bob');
    a.storage.create('mixed', 'note', alice).getText('body').insert(0, 'engine-a ');
    await a.e.whenIdle();
    const s1 = stockClient(server.wsUrl, 'mixed', tokenFor(dataDir, 'alice'));
    const s2 = stockClient(server.wsUrl, 'mixed', tokenFor(dataDir, 'bob'));
    await until(() => s1.provider.synced && s2.provider.synced, 'stock clients synced');
    s1.doc.getText('body').insert(0, 'stock-1 ');
    await until(() => b.storage.docs.has('mixed'), 'bob receives the record');
    b.storage.doc('mixed').getMap('fields').set('title', '引擎乙');
    const comment = recordEvent(bob, 'comment', { text: '已阅' });
    b.storage.act('mixed', comment);
    const text = () => [a.storage.doc('mixed'), b.storage.doc('mixed'), s1.doc, s2.doc].map((d) => `${d.getText('body').toString()}|${String(d.getMap('fields').get('title'))}`);
    await until(() => new Set(text()).size === 1 && text()[0]!.includes('stock-1') && text()[0]!.includes('engine-a') && text()[0]!.endsWith('|引擎乙'), 'four replicas converge');
    // The event is in both engines' stores, confirmed with the same server seq (create = 1).
    await until(() => a.storage.events('mixed').some((e) => e.event.id === comment.id), 'alice receives bob\'s event');
    await b.e.whenIdle();
    const view = (st: MemoryStorage) => st.events('mixed').map((e) => [e.event.id, e.status, e.seq]);
    expect(view(a.storage)).toEqual(view(b.storage));
    expect(view(b.storage)[1]).toEqual([comment.id, 'confirmed', 2]);
    s1.provider.destroy();
    s2.provider.destroy();
  });

  it('keeps offline edits, reports them as pending, and sends them on reconnect', async () => {
    const a = engine('alice');
    await a.e.whenIdle();
    a.e.stop();
    a.storage.create('offline-doc', 'note', alice).getText('body').insert(0, '离线编辑');
    // One record waits (待同步 1 条): its `create` event and its edited Y.Doc.
    expect(a.e.status()).toMatchObject({ state: 'offline', pending: 1 });
    // The engine is recreated over the same storage (an app restart): the pending doc is remembered.
    a.e.destroy();
    const again = new SyncEngine({ storage: a.storage, url: server.wsUrl, token: tokenFor(dataDir, 'alice'), backoffBaseMs: 20 });
    engines.push(again);
    expect(again.status().pending).toBe(1);
    again.start();
    await again.whenIdle();
    expect(again.status()).toMatchObject({ state: 'online', pending: 0, error: null });
    const check = new RawClient(docUrl(server.wsUrl, 'offline-doc', tokenFor(dataDir, 'bob')));
    await check.whenSynced();
    expect(check.doc.getText('body').toString()).toBe('离线编辑');
    check.close();
  });

  it('removes a record the user may no longer see and says so', async () => {
    const a = engine('alice');
    a.storage.create('shared-with-carol', 'note', alice).getText('body').insert(0, '共享');
    await a.e.whenIdle();
    withAccounts(dataDir, (acc) => acc.grant('shared-with-carol', 'carol', 'viewer'));
    const c = engine('carol');
    await until(() => c.storage.docs.has('shared-with-carol') && c.storage.doc('shared-with-carol').getText('body').toString() === '共享', 'carol receives the granted record');
    expect(c.storage.listDocIds()).not.toContain('offline-doc');
    const revoked: string[] = [];
    c.e.on('revoked', (ids) => revoked.push(...ids));
    c.e.stop();
    withAccounts(dataDir, (acc) => acc.revoke('shared-with-carol', 'carol'));
    c.e.start();
    await until(() => revoked.includes('shared-with-carol'), 'revocation reported');
    expect(c.storage.docs.has('shared-with-carol')).toBe(false);
  });

  it('removes a record from an online engine within seconds of the revocation', async () => {
    const a = engine('alice');
    a.storage.create('live-revoke', 'note', alice).getText('body').insert(0, '共享');
    await a.e.whenIdle();
    withAccounts(dataDir, (acc) => acc.grant('live-revoke', 'carol', 'editor'));
    const c = engine('carol');
    await until(() => c.storage.docs.has('live-revoke'), 'carol receives the record');
    const revoked: string[] = [];
    c.e.on('revoked', (ids) => revoked.push(...ids));
    withAccounts(dataDir, (acc) => acc.revoke('live-revoke', 'carol'));
    await until(() => revoked.includes('live-revoke'), 'revocation reaches the online engine');
    expect(c.storage.docs.has('live-revoke')).toBe(false);
  });

  it('stops reconnecting on an invalid token and says why', async () => {
    const storage = new MemoryStorage();
    const e = new SyncEngine({ storage, url: server.wsUrl, token: 'xt1.bad.token', backoffBaseMs: 20 });
    engines.push(e);
    e.start();
    await until(() => e.status().error !== null, 'error reported');
    expect(e.status()).toMatchObject({ state: 'offline' });
    expect(e.status().error).toContain('登录已失效');
  });

  it('catches up on changes made while offline through the feed', async () => {
    const writer = engine('alice');
    const reader = engine('bob');
    for (let i = 0; i < 20; i++) writer.storage.create(`bulk-${i}`, 'note', alice).getText('body').insert(0, `第${i}项`);
    await writer.e.whenIdle();
    await until(() => reader.storage.docs.has('bulk-19') && reader.storage.doc('bulk-19').getText('body').length > 0, 'reader has the bulk docs');
    reader.e.stop();
    for (const i of [3, 7, 11]) writer.storage.doc(`bulk-${i}`).getText('body').insert(0, '改');
    writer.storage.act('bulk-7', recordEvent(alice, 'comment', { text: '离线期间的批注' }));
    await writer.e.whenIdle();
    reader.e.start();
    await until(() => [3, 7, 11].every((i) => reader.storage.doc(`bulk-${i}`).getText('body').toString().startsWith('改')), 'reader caught up');
    await reader.e.whenIdle();
    expect(reader.storage.events('bulk-7').map((e) => e.event.type)).toEqual(['create', 'comment']);
  });
});
