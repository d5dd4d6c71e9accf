import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerChallenge, type LoginChallenge } from '../../core/crypto/challenge';
import { createSoftSmProvider } from '../../core/crypto/soft-sm';
import { certificateToPem } from '../../core/crypto/x509/certificate';
import type { Actor } from '../../core/kernel/actor';
import type { Actor as SupervisionActor } from '../../core/supervision/actor';
import type { RecordEvent } from '../../core/kernel/event';
import { createEvent, recordEvent, signed } from '../../core/sync/testing/record-events';
import { DEMO_PIN, DemoPki } from '../../main/crypto/demo-pki';
import { pkiPaths } from '../../main/crypto/ca-files';
import { Keystore } from '../../main/crypto/keystore';
import { MuxClient } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';

const UNIT = '市政府督查室';
const lin: SupervisionActor = { login: 'dcs.lin', name: 'dcs.lin', unit: UNIT, role: 'supervisor' };
const zhang: SupervisionActor = { login: 'spj.zhang', name: 'spj.zhang', unit: UNIT, role: 'supervisor' };
const urge = (by: Actor, units = [UNIT]) => recordEvent(by, 'urge', { units, level: 'yellow', text: '请按时报送进展' });

/** Signed events through a real sync server trusting the organisation CA. */
describe('signed events through the sync server', () => {
  const pkiDir = tempDir('xietong-pki-');
  const dataDir = tempDir();
  let pki: DemoPki;
  let server: SyncServerProcess;

  beforeAll(async () => {
    pki = DemoPki.open(pkiDir);
    addUser(dataDir, 'dcs.lin', { unit: UNIT });
    addUser(dataDir, 'spj.zhang', { unit: UNIT });
    addUser(dataDir, 'admin', { unit: UNIT, role: 'admin' });
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl], areas: 'app' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  /** `event` signed by `signer`'s demo key, whose certificate attests `as` (unit and role). */
  const sign = (name: string, signer: string, event: RecordEvent, as: SupervisionActor = lin) => signed(name, event, pki.identity(signer, as));

  /** A 督办 record created by 林督查, and a watcher (张) subscribed to it. */
  async function record(name: string) {
    const writer = new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin'));
    expect((await writer.submit(name, [sign(name, 'dcs.lin', createEvent(lin, 'supervision'))]))[0]).toMatchObject({ status: 'ok', seq: 1 });
    const watcher = new MuxClient(server.wsUrl, tokenFor(dataDir, 'spj.zhang'));
    await watcher.subscribe(name);
    return { writer, watcher };
  }

  const relayed = (c: MuxClient, id: string) => c.frames.some((f) => f.type === 'events' && f.events.some((e) => e.json.includes(`"${id}"`)));

  /** Proof that nothing sent before is still on its way: an accepted marker event reaches the watcher after it. */
  async function drained(writer: MuxClient, watcher: MuxClient, name: string) {
    const marker = sign(name, 'dcs.lin', urge(lin));
    expect((await writer.submit(name, [marker]))[0]?.status).toBe('ok');
    await until(() => relayed(watcher, marker.id), 'the marker reaches the watcher');
  }

  it('refuses a forged event (another user\'s name, my key) and does not relay it', async () => {
    const { writer, watcher } = await record('rec-forged');
    const forged = sign('rec-forged', 'spj.zhang', urge(lin), zhang);
    const [r] = await new MuxClient(server.wsUrl, tokenFor(dataDir, 'spj.zhang')).submit('rec-forged', [forged]);
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringContaining('不是当前登录用户') });
    await drained(writer, watcher, 'rec-forged');
    expect(relayed(watcher, forged.id)).toBe(false);
  });

  it('refuses broken, unsigned and other users\' events with a reason; accepts my signed ones', async () => {
    const { writer, watcher } = await record('rec-mixed');
    const mine = sign('rec-mixed', 'dcs.lin', urge(lin));
    const results = await writer.submit('rec-mixed', [
      urge(lin), // unsigned
      { ...sign('rec-mixed', 'dcs.lin', urge(lin)), payload: { units: [UNIT], level: 'red', text: '改过' } }, // altered after signing
      sign('rec-other', 'dcs.lin', urge(lin)), // signed for another record
      sign('rec-mixed', 'spj.zhang', urge(lin), zhang), // my name, someone else's key
      mine,
    ]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'refused', 'refused', 'refused', 'ok']);
    expect(results[0]!.reason).toContain('未签名');
    expect(results[1]!.reason).toContain('签名无效');
    await until(() => relayed(watcher, mine.id), 'my event is relayed');
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(Number(/rejected_frames_total\{reason="bad_signature"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(4);
  });

  it('back-to-back events in one submit: each builds on the ones before it, not yet committed', async () => {
    const writer = new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin'));
    // The 交办 needs the record, whose `create` is judged but not yet on disk when it is judged.
    const create = sign('rec-chain', 'dcs.lin', createEvent(lin, 'supervision'));
    const assign = sign('rec-chain', 'dcs.lin', recordEvent(lin, 'assign', { assignments: [{ unit: '市工信局', role: 'lead' }] }));
    // The 催办 needs the unit it urges to be assigned, by that 交办.
    const results = await writer.submit('rec-chain', [create, assign, sign('rec-chain', 'dcs.lin', urge(lin, ['市工信局']))]);
    expect(results.map((r) => [r.status, r.seq])).toEqual([
      ['ok', 1],
      ['ok', 2],
      ['ok', 3],
    ]);
    writer.close();
  });

  it('fixes the kind at creation: a second create under the name is refused, administrators included', async () => {
    await record('rec-kind');
    const admin = new MuxClient(server.wsUrl, tokenFor(dataDir, 'admin'));
    const system: Actor = { login: 'system:import', name: '文件导入', unit: UNIT, role: 'supervisor' };
    const [again] = await admin.submit('rec-kind', [createEvent(system, 'incoming')]);
    expect(again).toMatchObject({ status: 'refused', reason: '记录已存在,不能再次创建' });
    // Unsigned system imports: from administrators only.
    const imported = recordEvent(system, 'urge', { units: [UNIT], level: 'blue', text: '导入' });
    expect((await new MuxClient(server.wsUrl, tokenFor(dataDir, 'dcs.lin')).submit('rec-kind', [imported]))[0]?.reason).toContain('只有管理员');
    expect((await admin.submit('rec-kind', [imported]))[0]?.status).toBe('ok');
  });

  it('logs in with an SM2 certificate: challenge, signature, token', async () => {
    const provider = createSoftSmProvider(Keystore.forDataDir(pkiDir).source('spj.zhang', 'SM2'));
    await provider.login(DEMO_PIN);
    const [handle] = await provider.listKeys();
    const post = (p: string, body: unknown) => fetch(`${server.httpUrl}${p}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    const challenge = async () => ((await (await post('/auth/challenge', {})).json()) as { challenge: LoginChallenge }).challenge;

    const c1 = await challenge();
    const response = await answerChallenge(provider, handle!, c1);
    const res = await post('/auth/cert-login', { ...response, certificate: certificateToPem(handle!.certificate!) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { login: string } };
    expect(body.user.login).toBe('spj.zhang');
    const c = new RawClient(docUrl(server.wsUrl, 'rec-login', body.token));
    await c.whenSynced();
    c.close();
    // A challenge answers once.
    expect((await post('/auth/cert-login', response)).status).toBe(401);
    // A signature over another challenge does not answer this one.
    const c2 = await challenge();
    expect((await post('/auth/cert-login', { ...response, challenge: c2 })).status).toBe(401);
    // A valid certificate of a user the server does not know.
    const stranger = createSoftSmProvider(Keystore.forDataDir(pkiDir).source('xxzx.liu', 'SM2'));
    await stranger.login(DEMO_PIN);
    const [sh] = await stranger.listKeys();
    expect((await post('/auth/cert-login', await answerChallenge(stranger, sh!, await challenge()))).status).toBe(401);
  });
});
