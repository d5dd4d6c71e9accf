import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { eventsOf, fieldsOf } from '../../core/records/record-doc';
import { decodeServerFrame, encodeClientFrame } from '../../core/sync/mux';
import { MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import type { Actor } from '../../core/supervision/actor';
import { DEMO_USERS } from '../../core/supervision/demo-users';
import type { SupervisionEvent } from '../../core/supervision/events';
import { recordContentHash, signSupervisionEvent } from '../../core/supervision/signature';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;

/**
 * The certificate attests the signer's unit and role (subject OU and title): a real sync server
 * with --trust-ca refuses a 督办 event whose `by` claims more, even though it is validly signed
 * by the logged-in user's own certificate.
 */
describe('role and unit attested by the certificate, at a real sync server', () => {
  const pkiDir = tempDir('xietong-pki-');
  const dataDir = tempDir();
  let pki: DemoPki;
  let server: SyncServerProcess;

  beforeAll(async () => {
    pki = DemoPki.open(pkiDir);
    for (const login of ['dcs.lin', 'spj.zhang']) addUser(dataDir, login, { unit: user(login).unit, name: user(login).name });
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  /** An event by `by` on top of `doc`, signed with `by.login`'s own demo key and certificate. */
  function signed(doc: Y.Doc, name: string, type: SupervisionEvent['type'], by: Actor, payload: SupervisionEvent['payload']): SupervisionEvent {
    const event: SupervisionEvent = { id: `${type}-${eventsOf(doc).length}`, type, actor: by.login, by, at: new Date().toISOString(), basis: null, payload };
    const id = pki.identity(by.login, by);
    return { ...event, sig: signSupervisionEvent(name, event, recordContentHash(doc), id.signer, id.certificate) };
  }

  /** Pushes one event on top of `base` over a multiplexed connection as `login`; resolves with the ack. */
  async function push(login: string, name: string, base: Y.Doc, make: (doc: Y.Doc) => SupervisionEvent) {
    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${tokenFor(dataDir, login)}`);
    const frames: ReturnType<typeof decodeServerFrame>[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(base));
    const sv = Y.encodeStateVector(local);
    eventsOf(local).push([make(local)]);
    ws.send(encodeClientFrame({ type: 'push', id: 1, name, update: Y.encodeStateAsUpdate(local, sv) }));
    await until(() => frames.some((f) => f.type === 'ack' && f.id === 1), 'push answered');
    ws.close();
    return frames.find((f) => f.type === 'ack' && f.id === 1) as Extract<ReturnType<typeof decodeServerFrame>, { type: 'ack' }>;
  }

  it('refuses a 销号 signed by a unit_staff claiming to be 督查室, and every replica keeps the record open', async () => {
    const name = 'rec-role-1';
    const writer = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'dcs.lin')));
    await writer.whenSynced();
    writer.doc.transact(() => {
      fieldsOf(writer.doc).set('kind', 'supervision');
      fieldsOf(writer.doc).set('title', '推行掌上办公');
      // 市审批管理局 leads it, so its staff may open the record.
      fieldsOf(writer.doc).set('lead', ['市审批管理局']);
      eventsOf(writer.doc).push([signed(writer.doc, name, 'urge', user('dcs.lin'), { units: ['市审批管理局'], level: 'yellow', text: '请按时报送进展' })]);
    });
    const watcher = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'spj.zhang')));
    await watcher.whenSynced();
    await until(() => eventsOf(watcher.doc).length === 1, 'the 督查室 event reaches the other client');

    // 张敏's own, valid certificate says 市审批管理局 / unit_staff; the event claims supervisor.
    const forged = await push('spj.zhang', name, watcher.doc, (d) => signed(d, name, 'close', { ...user('spj.zhang'), role: 'supervisor' }, { note: '已办结' }));
    expect(forged.status).toBe(1);
    expect(forged.reason).toMatch(/身份与证书不符/);
    // Claiming another unit with her own role is refused the same way.
    const otherUnit = await push('spj.zhang', name, watcher.doc, (d) =>
      signed(d, name, 'acknowledge', { ...user('spj.zhang'), unit: '市工信局(大数据局)' }, { unit: '市工信局(大数据局)', note: '' }),
    );
    expect(otherUnit.status).toBe(1);
    expect(otherUnit.reason).toMatch(/身份与证书不符/);
    // As what her certificate says, she is accepted.
    const honest = await push('spj.zhang', name, watcher.doc, (d) => signed(d, name, 'acknowledge', user('spj.zhang'), { unit: '市审批管理局', note: '' }));
    expect(honest.status, honest.reason).toBe(0);
    await until(() => eventsOf(writer.doc).length === 2, 'the accepted 签收 is relayed');

    const fresh = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'dcs.lin')));
    await fresh.whenSynced();
    const types = eventsOf(fresh.doc).toArray().map((e) => (e as SupervisionEvent).type);
    expect(types).toEqual(['urge', 'acknowledge']);
    for (const c of [writer, watcher, fresh]) c.close();
  });
});
