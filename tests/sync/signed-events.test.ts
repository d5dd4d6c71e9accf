import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { answerChallenge, type LoginChallenge } from '../../core/crypto/challenge';
import { createSoftSmProvider } from '../../core/crypto/soft-sm';
import { certificateToPem } from '../../core/crypto/x509/certificate';
import { eventsOf, fieldsOf, setBodyText } from '../../core/records/record-doc';
import { createSignEvent, verifyRecordSignEvent, type SignKind } from '../../core/records/sign-event';
import { decodeServerFrame, encodeClientFrame } from '../../core/sync/mux';
import { MessageType, MUX_PATH, MUX_VERSION, SyncMessageType } from '../../core/sync/protocol';
import type { SupervisionEvent } from '../../core/supervision/events';
import { recordContentHash, signSupervisionEvent } from '../../core/supervision/signature';
import { DEMO_PIN, DemoPki } from '../../main/crypto/demo-pki';
import { pkiPaths } from '../../main/crypto/ca-files';
import { Keystore } from '../../main/crypto/keystore';
import { demoUnitSeal } from '../../main/signatures/demo-seals';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';

const UNIT = '市政府督查室';
const actorOf = (login: string) => ({ login, name: login, unit: UNIT, role: 'supervisor' as const });

/** Signed 督办 events through a real sync server trusting the organisation CA (issue 4, test 5). */
describe('signed events through the sync server', () => {
  const pkiDir = tempDir('xietong-pki-');
  const dataDir = tempDir();
  let pki: DemoPki;
  let server: SyncServerProcess;

  beforeAll(async () => {
    pki = DemoPki.open(pkiDir);
    addUser(dataDir, 'dcs.lin', { unit: UNIT });
    addUser(dataDir, 'spj.zhang', { unit: UNIT });
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  /** A supervision record doc with one event appended; `sign` chooses whose key signs it. */
  function eventOn(doc: Y.Doc, name: string, actor: string, signer: string | null, tamper?: (e: SupervisionEvent) => SupervisionEvent): SupervisionEvent {
    const event: SupervisionEvent = {
      id: `${name}-${eventsOf(doc).length}`,
      type: 'urge',
      actor,
      by: actorOf(actor),
      at: new Date().toISOString(),
      basis: null,
      payload: { units: [UNIT], level: 'yellow', text: '请按时报送进展' },
    };
    const id = signer ? pki.identity(signer) : null;
    const signed = id ? { ...event, sig: signSupervisionEvent(name, event, recordContentHash(doc), id.signer, id.certificate) } : event;
    return tamper ? tamper(signed) : signed;
  }

  async function record(name: string): Promise<{ writer: RawClient; watcher: RawClient }> {
    const writer = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'dcs.lin')));
    await writer.whenSynced();
    writer.doc.transact(() => {
      fieldsOf(writer.doc).set('kind', 'supervision');
      fieldsOf(writer.doc).set('title', '推行掌上办公');
      eventsOf(writer.doc).push([eventOn(writer.doc, name, 'dcs.lin', 'dcs.lin')]);
    });
    const watcher = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'spj.zhang')));
    await watcher.whenSynced();
    await until(() => eventsOf(watcher.doc).length === 1, 'the signed event reaches the other client');
    return { writer, watcher };
  }

  let markers = 0;
  /** A marker field set on top of what `watcher` has, by a fresh Yjs client (not stuck behind a refused update). */
  function marker(watcher: { doc: Y.Doc }): { value: string; update: Uint8Array } {
    const value = `marker-${++markers}`;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(watcher.doc));
    const sv = Y.encodeStateVector(local);
    fieldsOf(local).set('marker', value);
    return { value, update: Y.encodeStateAsUpdate(local, sv) };
  }

  /**
   * Proof that nothing `writer` sent before is still on its way: a marker sent on the same
   * connection (one connection's updates are applied and relayed in order) reaches `watcher`,
   * so anything refused earlier would have arrived before it.
   */
  async function drained(writer: RawClient, watcher: { doc: Y.Doc }) {
    const { value, update } = marker(watcher);
    writer.sendSync(SyncMessageType.update, update);
    await until(() => fieldsOf(watcher.doc).get('marker') === value, 'the marker reaches the other client');
  }

  /** The reasons of y-protocols "permission denied" messages a stock connection receives. */
  function deniedReasons(c: RawClient): string[] {
    const reasons: string[] = [];
    c.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MessageType.auth) return;
      decoding.readVarUint(d);
      reasons.push(decoding.readVarString(d));
    });
    return reasons;
  }

  const rejected = async () => {
    const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
    return Number(/xietong_sync_rejected_frames_total\{reason="bad_signature"\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  /** A multiplexed connection that pushes updates and collects the server's acknowledgements. */
  async function muxAs(login: string) {
    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${tokenFor(dataDir, login)}`);
    const frames: ReturnType<typeof decodeServerFrame>[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    let next = 1;
    return {
      ws,
      /** Pushes one event on top of `base` (the accepted state) and returns the ack. */
      async push(name: string, base: Y.Doc, make: (doc: Y.Doc) => unknown) {
        const local = new Y.Doc();
        Y.applyUpdate(local, Y.encodeStateAsUpdate(base));
        const sv = Y.encodeStateVector(local);
        eventsOf(local).push([make(local)]);
        const id = next++;
        ws.send(encodeClientFrame({ type: 'push', id, name, update: Y.encodeStateAsUpdate(local, sv) }));
        await until(() => frames.some((f) => f.type === 'ack' && f.id === id), 'push answered');
        return frames.find((f) => f.type === 'ack' && f.id === id) as Extract<ReturnType<typeof decodeServerFrame>, { type: 'ack' }>;
      },
      /** Sets a marker field on `name` and waits until `watcher` has it (see `drained`). */
      async drained(name: string, watcher: { doc: Y.Doc }) {
        const { value, update } = marker(watcher);
        ws.send(encodeClientFrame({ type: 'push', id: next++, name, update }));
        await until(() => fieldsOf(watcher.doc).get('marker') === value, 'the marker reaches the other client');
      },
    };
  }

  it('refuses a forged event (another user\'s name, my key) and does not relay it', async () => {
    const { writer, watcher } = await record('rec-sig-1');
    const before = await rejected();
    writer.doc.transact(() => eventsOf(writer.doc).push([eventOn(writer.doc, 'rec-sig-1', 'spj.zhang', 'dcs.lin')]));
    await until(() => server.output().includes('refused: bad event signature'), 'refusal logged');
    expect(await rejected()).toBeGreaterThan(before);
    await drained(writer, watcher);
    expect(eventsOf(watcher.doc).length).toBe(1);
    const fresh = new RawClient(docUrl(server.wsUrl, 'rec-sig-1', tokenFor(dataDir, 'spj.zhang')));
    await fresh.whenSynced();
    expect(eventsOf(fresh.doc).length).toBe(1);
    for (const c of [writer, watcher, fresh]) c.close();
  });

  it('refuses broken, unsigned and other users\' events with a reason; accepts my signed ones', async () => {
    const { writer, watcher } = await record('rec-sig-3');
    const mux = await muxAs('dcs.lin');
    const base = watcher.doc;
    const before = await rejected();
    const cases: Array<[string, (d: Y.Doc) => SupervisionEvent, RegExp]> = [
      ['forged', (d) => eventOn(d, 'rec-sig-3', 'spj.zhang', 'dcs.lin'), /不是当前登录用户/],
      ['broken', (d) => eventOn(d, 'rec-sig-3', 'dcs.lin', 'dcs.lin', (e) => ({ ...e, payload: { ...e.payload, level: 'red' } })), /签名无效/],
      ['theirs', (d) => eventOn(d, 'rec-sig-3', 'spj.zhang', 'spj.zhang'), /不是当前登录用户/],
      ['unsigned', (d) => eventOn(d, 'rec-sig-3', 'dcs.lin', null), /未签名/],
      ['replayed from another record', (d) => ({ ...eventOn(d, 'rec-other', 'dcs.lin', 'dcs.lin') }), /签名无效/],
      ['system import by a non-admin', (d) => ({ ...eventOn(d, 'rec-sig-3', 'dcs.lin', null), actor: 'system:import', by: actorOf('system:import') }), /管理员/],
    ];
    for (const [what, make, reason] of cases) {
      const ack = await mux.push('rec-sig-3', base, make);
      expect(ack.status, what).toBe(1);
      expect(ack.reason, what).toMatch(reason);
    }
    // A valid event that depends on a refused one (its left neighbour) cannot slip in later.
    const smuggler = new Y.Doc();
    Y.applyUpdate(smuggler, Y.encodeStateAsUpdate(base));
    eventsOf(smuggler).push([eventOn(smuggler, 'rec-sig-3', 'spj.zhang', 'dcs.lin')]);
    const dependent = await mux.push('rec-sig-3', smuggler, (d) => eventOn(d, 'rec-sig-3', 'dcs.lin', 'dcs.lin'));
    expect(dependent.status).toBe(1);
    expect(await rejected()).toBe(before + cases.length + 1);
    const ok = await mux.push('rec-sig-3', base, (d) => eventOn(d, 'rec-sig-3', 'dcs.lin', 'dcs.lin'));
    expect(ok.status).toBe(0);
    await until(() => eventsOf(watcher.doc).length === 2, 'the valid event is relayed');
    await mux.drained('rec-sig-3', watcher);
    expect(eventsOf(watcher.doc).length).toBe(2);
    mux.ws.close();
    writer.close();
    watcher.close();
  });

  it('refuses a forged event pushed on the multiplexed connection with a reason', async () => {
    const { writer, watcher } = await record('rec-sig-2');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc));
    const sv = Y.encodeStateVector(local);
    eventsOf(local).push([eventOn(local, 'rec-sig-2', 'spj.zhang', 'dcs.lin')]);
    const update = Y.encodeStateAsUpdate(local, sv);
    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${tokenFor(dataDir, 'dcs.lin')}`);
    const frames: ReturnType<typeof decodeServerFrame>[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    ws.send(encodeClientFrame({ type: 'push', id: 7, name: 'rec-sig-2', update }));
    await until(() => frames.some((f) => f.type === 'ack'), 'push answered');
    const ack = frames.find((f) => f.type === 'ack');
    expect(ack).toMatchObject({ id: 7, status: 1 });
    expect(ack?.type === 'ack' && ack.reason).toContain('签名校验未通过');
    // A properly signed one on the same connection is accepted and relayed.
    const sv2 = Y.encodeStateVector(writer.doc);
    const ok = new Y.Doc();
    Y.applyUpdate(ok, Y.encodeStateAsUpdate(writer.doc));
    eventsOf(ok).push([eventOn(ok, 'rec-sig-2', 'dcs.lin', 'dcs.lin')]);
    ws.send(encodeClientFrame({ type: 'push', id: 8, name: 'rec-sig-2', update: Y.encodeStateAsUpdate(ok, sv2) }));
    await until(() => frames.some((f) => f.type === 'ack' && f.id === 8), 'second push answered');
    expect(frames.find((f) => f.type === 'ack' && f.id === 8)).toMatchObject({ status: 0 });
    await until(() => eventsOf(watcher.doc).length === 2, 'valid event relayed');
    ws.close();
    writer.close();
    watcher.close();
  });

  it('a stock client\'s two back-to-back signed events are both accepted (the second builds on the first, not yet applied)', async () => {
    const { writer, watcher } = await record('rec-sig-4');
    const denied = deniedReasons(writer);
    // Two transactions in a row, in one TCP write: the server reads both updates in one turn, so
    // the second is checked while the first is still being committed (in flight).
    const socket = (writer.ws as unknown as { _socket: Socket })._socket;
    socket.cork();
    writer.doc.transact(() => eventsOf(writer.doc).push([eventOn(writer.doc, 'rec-sig-4', 'dcs.lin', 'dcs.lin')]));
    writer.doc.transact(() => eventsOf(writer.doc).push([eventOn(writer.doc, 'rec-sig-4', 'dcs.lin', 'dcs.lin')]));
    socket.uncork();
    await until(() => eventsOf(watcher.doc).length === 3, 'both events reach the other client');
    await drained(writer, watcher);
    expect(denied).toEqual([]);
    expect(server.output()).not.toMatch(/"doc":"rec-sig-4".*refused/);
    writer.close();
    watcher.close();
  });

  it('refuses changing the kind of a 督办 record (its rules would no longer apply)', async () => {
    const { writer, watcher } = await record('rec-sig-5');
    const denied = deniedReasons(writer);
    writer.doc.transact(() => fieldsOf(writer.doc).set('kind', 'incoming'));
    await until(() => denied.length > 0, 'refusal received');
    expect(denied[0]).toMatch(/记录类型不可更改/);
    await drained(writer, watcher);
    expect(fieldsOf(watcher.doc).get('kind')).toBe('supervision');
    writer.close();
    watcher.close();
  });

  /** A 收文 record created by dcs.lin (no events yet), watched by spj.zhang. */
  async function incoming(name: string): Promise<{ writer: RawClient; watcher: RawClient }> {
    const writer = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'dcs.lin')));
    await writer.whenSynced();
    writer.doc.transact(() => {
      fieldsOf(writer.doc).set('kind', 'incoming');
      fieldsOf(writer.doc).set('title', '关于推行掌上办公的通知');
      setBodyText(writer.doc, '各区人民政府:\n现将有关事项通知如下。');
    });
    const watcher = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, 'spj.zhang')));
    await watcher.whenSynced();
    await until(() => fieldsOf(watcher.doc).get('title') === '关于推行掌上办公的通知', 'the record reaches the other client');
    return { writer, watcher };
  }

  /**
   * A 签发 / 用印 over `doc` as it is now, in `actor`'s name, signed with `signer`'s demo key (and
   * unit seal). `by` defaults to what the demo certificates attest (市政府督查室 / supervisor).
   */
  function signOn(doc: Y.Doc, name: string, kind: SignKind, actor: string, signer = actor, by = { name: actor, unit: UNIT, role: 'supervisor' }) {
    const id = pki.identity(signer);
    const seal = kind === '用印' ? demoUnitSeal(pki, actorOf(signer), Date.now()) : null;
    return createSignEvent(name, doc, {
      kind,
      eventId: `${kind}-${actor}-${eventsOf(doc).length}`,
      actor,
      at: new Date(),
      basis: null,
      by,
      signer: id.signer,
      certificate: id.certificate.der,
      ...(seal ? { seal: { der: seal.der, esID: seal.info.esID, unit: seal.info.name } } : {}),
    });
  }

  it('收文: refuses a forged 签发 (another user\'s name, my key) and does not relay it', async () => {
    const { writer, watcher } = await incoming('rec-in-1');
    const before = await rejected();
    writer.doc.transact(() => eventsOf(writer.doc).push([signOn(writer.doc, 'rec-in-1', '签发', 'spj.zhang', 'dcs.lin')]));
    await until(() => /"doc":"rec-in-1".*refused: bad event signature/.test(server.output()), 'refusal logged');
    expect(await rejected()).toBeGreaterThan(before);
    await drained(writer, watcher);
    expect(eventsOf(watcher.doc).length).toBe(0);
    const fresh = new RawClient(docUrl(server.wsUrl, 'rec-in-1', tokenFor(dataDir, 'spj.zhang')));
    await fresh.whenSynced();
    expect(fieldsOf(fresh.doc).get('kind')).toBe('incoming');
    expect(eventsOf(fresh.doc).length).toBe(0);
    for (const c of [writer, watcher, fresh]) c.close();
  });

  it('收文: refuses forged and broken 签发/用印 with a reason; accepts and relays my valid ones', async () => {
    const { writer, watcher } = await incoming('rec-in-2');
    const mux = await muxAs('dcs.lin');
    const base = watcher.doc;
    const before = await rejected();
    const broken = (d: Y.Doc) => {
      const e = signOn(d, 'rec-in-2', '签发', 'dcs.lin');
      const sig = Buffer.from(e.payload.signature as string, 'base64');
      sig[sig.length - 1]! ^= 1;
      return { ...e, payload: { ...e.payload, signature: sig.toString('base64') } };
    };
    const cases: Array<[string, (d: Y.Doc) => unknown, RegExp]> = [
      ['forged 签发', (d) => signOn(d, 'rec-in-2', '签发', 'spj.zhang', 'dcs.lin'), /不是当前登录用户/],
      ['forged 用印', (d) => signOn(d, 'rec-in-2', '用印', 'spj.zhang', 'dcs.lin'), /不是当前登录用户/],
      ['my name, their key', (d) => signOn(d, 'rec-in-2', '签发', 'dcs.lin', 'spj.zhang'), /冒用他人名义/],
      ['broken signature', broken, /签名无效/],
      ['replayed from another record', (d) => signOn(d, 'rec-other', '签发', 'dcs.lin'), /签名无效/],
      ['签章人 not as the account has it', (d) => signOn(d, 'rec-in-2', '签发', 'dcs.lin', 'dcs.lin', { name: '王市长', unit: UNIT, role: 'supervisor' }), /与账号登记的姓名\(dcs.lin\)不符/],
      ['签发 claiming a role the certificate does not attest', (d) => signOn(d, 'rec-in-2', '签发', 'dcs.lin', 'dcs.lin', { name: 'dcs.lin', unit: UNIT, role: 'leader' }), /与证书载明的身份\(市政府督查室\/supervisor\)不符/],
      ['签发 claiming another unit', (d) => signOn(d, 'rec-in-2', '签发', 'dcs.lin', 'dcs.lin', { name: 'dcs.lin', unit: '市政府', role: 'supervisor' }), /与证书载明的身份/],
      ['other event in another user\'s name', () => ({ id: 'n-1', type: 'review', actor: 'spj.zhang', at: new Date().toISOString(), basis: null, payload: {} }), /不是当前登录用户/],
    ];
    for (const [what, make, reason] of cases) {
      const ack = await mux.push('rec-in-2', base, make);
      expect(ack.status, what).toBe(1);
      expect(ack.reason, what).toMatch(reason);
    }
    expect(await rejected()).toBe(before + cases.length);
    const issued = await mux.push('rec-in-2', base, (d) => signOn(d, 'rec-in-2', '签发', 'dcs.lin'));
    expect(issued.status).toBe(0);
    await until(() => eventsOf(watcher.doc).length === 1, 'the valid 签发 is relayed');
    const sealed = await mux.push('rec-in-2', base, (d) => signOn(d, 'rec-in-2', '用印', 'dcs.lin'));
    expect(sealed.status).toBe(0);
    await until(() => eventsOf(watcher.doc).length === 2, 'the valid 用印 is relayed');
    await mux.drained('rec-in-2', watcher);
    expect(eventsOf(watcher.doc).length).toBe(2);
    // What arrived is what the 签发与用印 panel shows as valid (the same verifier).
    expect(eventsOf(watcher.doc).toArray().map((e) => verifyRecordSignEvent('rec-in-2', e, pki.trust()))).toMatchObject([
      { status: 'valid', kind: '签发', signer: 'dcs.lin' },
      { status: 'valid', kind: '用印', signer: 'dcs.lin', unit: UNIT },
    ]);
    mux.ws.close();
    writer.close();
    watcher.close();
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

