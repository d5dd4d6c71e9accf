import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordEvent } from '../../core/kernel/event';
import { parseEventJson } from '../../core/sync/event-json';
import { createEvent, recordEvent, signed } from '../../core/sync/testing/record-events';
import type { Actor } from '../../core/supervision/actor';
import { DEMO_USERS } from '../../core/supervision/demo-users';
import { SupervisionEvent } from '../../core/supervision/events';
import { reduceSupervision } from '../../core/supervision/workflow';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { MuxClient } from '../../main/sync/testing/mux-client';
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
    server = await startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl], areas: 'app' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  /** `event` signed with `login`'s own demo key and certificate (which attests that user's unit and role). */
  const sign = (name: string, login: string, event: RecordEvent) => signed(name, event, pki.identity(login, user(login)));

  it('refuses a 销号 signed by a unit_staff claiming to be 督查室, and every replica keeps the record open', async () => {
    const name = 'rec-role-1';
    const lin = new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin'));
    const assign = recordEvent(user('dcs.lin'), 'assign', { assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    const created = await lin.submit(name, [sign(name, 'dcs.lin', createEvent(user('dcs.lin'), 'supervision')), sign(name, 'dcs.lin', assign)]);
    expect(created.map((r) => r.status)).toEqual(['ok', 'ok']);
    await lin.subscribe(name);

    // 交办 made 市审批管理局 an owner: 张敏 may submit. Her own, valid certificate says
    // 市审批管理局 / unit_staff; the event claims supervisor.
    const zhang = new MuxClient(server.wsUrl, tokenFor(dataDir, 'spj.zhang'));
    const [forged] = await zhang.submit(name, [sign(name, 'spj.zhang', recordEvent({ ...user('spj.zhang'), role: 'supervisor' }, 'close', { note: '已办结' }, { basis: assign.id }))]);
    expect(forged).toMatchObject({ status: 'refused', reason: expect.stringMatching(/身份与证书不符/) });
    // Claiming another unit with her own role is refused the same way.
    const [otherUnit] = await zhang.submit(name, [sign(name, 'spj.zhang', recordEvent({ ...user('spj.zhang'), unit: '市工信局(大数据局)' }, 'acknowledge', { unit: '市工信局(大数据局)' }))]);
    expect(otherUnit).toMatchObject({ status: 'refused', reason: expect.stringMatching(/身份与证书不符/) });
    // As what her certificate says, she is accepted, and the 督查室's subscription receives it.
    const acknowledge = recordEvent(user('spj.zhang'), 'acknowledge', { unit: '市审批管理局' });
    const [honest] = await zhang.submit(name, [sign(name, 'spj.zhang', acknowledge)]);
    expect(honest).toMatchObject({ status: 'ok', seq: 3 });
    await until(() => lin.frames.some((f) => f.type === 'events' && f.events.some((e) => e.json.includes(acknowledge.id))), 'the accepted 签收 is relayed');

    const reader = new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin'));
    const page = (await reader.feed(0)).page;
    reader.close();
    const log = page.entries.find((e) => e.name === name)!.events.map((e) => parseEventJson(e.json)).flatMap((p) => (p.ok ? [p.event] : []));
    expect(log.map((e) => e.type)).toEqual(['create', 'assign', 'acknowledge']);
    // Every replica reduces the same log: the item is in progress, not 已销号.
    expect(reduceSupervision(log.filter((e) => e.type !== 'create').map((e) => SupervisionEvent.parse(e))).phase).toBe('in_progress');
    lin.close();
    zhang.close();
  });
});
