import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RecordEvent } from '../../core/kernel/event';
import { decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../core/sync/mux';
import { MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { recordEvent, signed } from '../../core/sync/testing/record-events';
import type { Actor } from '../../core/supervision/actor';
import { SupervisionEvent } from '../../core/supervision/events';
import { reduceSupervision } from '../../core/supervision/workflow';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { escapedEventsUpdate } from '../helpers/escaped-event-update';
import { assignment, createRecordAs, eventLog, speaksEvents, submitAs } from '../helpers/sync-attack';
import { until } from '../sync/helpers';

const LIN: Actor = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };
const ZHANG: Actor = { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'unit_staff' };
const SYSTEM: Actor = { login: 'system:import', name: '文件导入', unit: '市政府督查室', role: 'supervisor' };

/**
 * Issue 9, item 1, with --trust-ca: an editor of the unit an item was 交办ed to sent one Yjs item
 * of the older JSON content type whose events spelled the key "\u0061ctor", so the byte scan
 * never saw `actor` and the signature check never ran; 办结申请, 审核通过 and 销号 in the
 * 督查室's name were stored unsigned and every replica computed 已销号. Events are no longer read
 * from Yjs updates at all: a record's log holds only events the server judged in full.
 */
describe('unsigned events in another person\'s name are refused (--trust-ca)', () => {
  const pkiDir = tempDir('xietong-pki-');
  const dataDir = tempDir();
  let pki: DemoPki;
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    pki = DemoPki.open(pkiDir);
    addUser(dataDir, 'dcs.lin', { unit: LIN.unit, name: LIN.name });
    addUser(dataDir, 'spj.zhang', { unit: ZHANG.unit, name: ZHANG.name });
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl], areas: 'app' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  const signAs = (name: string, by: Actor) => (e: RecordEvent) => signed(name, e, pki.identity(by.login, by));

  it('the escaped-key Yjs item adds no event; the same events submitted are refused; every replica keeps the item open', async () => {
    const name = 'item-forged';
    const assign = assignment(LIN, [ZHANG.unit]);
    await createRecordAs(server, token, LIN, name, 'supervision', [assign], signAs(name, LIN));
    const before = await eventLog(server, token, 'dcs.lin', name);

    // The forged 办结申请 → 审核通过 → 销号, unsigned, two of them in the 督查室's name.
    const request = recordEvent(ZHANG, 'completion_request', { unit: ZHANG.unit, summary: '已全部完成', attachments: [] }, { basis: assign.id });
    const review = recordEvent(LIN, 'completion_review', { requestId: request.id, accept: true, opinion: '同意' }, { basis: request.id });
    const close = recordEvent(LIN, 'close', { note: '销号' }, { basis: review.id });
    const forged = [request, review, close];

    // As the attack sent them: one Yjs item, JSON content, the actor key escaped.
    const attacker = new RawClient(docUrl(server.wsUrl, name, token('spj.zhang')));
    await attacker.whenSynced();
    const update = escapedEventsUpdate(attacker.doc, forged);
    expect(Buffer.from(update).includes('actor')).toBe(false);
    const mux = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${token('spj.zhang')}`);
    const frames: ServerFrame[] = [];
    mux.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => mux.once('open', r));
    mux.send(encodeClientFrame({ type: 'push', id: 1, name, update }));
    await until(() => frames.some((f) => f.type === 'ack'), 'the push is answered');
    mux.close();

    if (speaksEvents) {
      // Submitted as events, escaped keys and all: refused (another person's name; unsigned).
      const escaped = forged.map((e) => JSON.stringify(e).replace('"actor"', '"\\u0061ctor"'));
      const results = await submitAs(server, token, 'spj.zhang', name, escaped);
      expect(results.map((r) => r.status)).toEqual(['refused', 'refused', 'refused']);
      expect(results[0]!.reason).toContain('未签名');
      expect(results[1]!.reason).toContain('不是当前登录用户');
      // Signed with her own certificate but claiming the 督查室's role: refused as well.
      const posing = signed(name, recordEvent({ ...ZHANG, role: 'supervisor' }, 'close', { note: '销号' }, { basis: assign.id }), pki.identity('spj.zhang', ZHANG));
      expect((await submitAs(server, token, 'spj.zhang', name, [posing]))[0]?.reason).toContain('身份与证书不符');
      // System imports from a unit's staff.
      const system = recordEvent(SYSTEM, 'close', { note: '导入' }, { basis: assign.id });
      expect((await submitAs(server, token, 'spj.zhang', name, [system]))[0]?.reason).toContain('只有管理员');
    }

    // What every replica computes: the log the server holds is unchanged, the item still in progress.
    const after = await eventLog(server, token, 'dcs.lin', name);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    const state = reduceSupervision(after.filter((e) => e.type !== 'create').map((e) => SupervisionEvent.parse(e)));
    expect(state.phase).toBe('in_progress');
    attacker.close();
  });
});
