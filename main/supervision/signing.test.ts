import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordContentHash } from '../../core/kernel/signature';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { SupervisionAction, type SupervisionActionInput } from '../../core/supervision/actions';
import { SupervisionCreate } from '../../core/supervision/model';
import { signatureLabel } from '../../core/supervision/signature-status';
import { createSession, type Session } from '../app/session';
import { DEMO_PIN } from '../crypto/demo-pki';
import { revokeUser } from '../crypto/ca';
import { Keystore } from '../crypto/keystore';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { supervisionHandlers } from './handlers';
import { demoEventSigning } from './signing';

let store: Store;
let session: Session;
let h: ReturnType<typeof supervisionHandlers>;
let now: Date;

beforeEach(() => {
  const dir = tempDir();
  store = Store.open({ dir });
  session = createSession();
  now = new Date('2022-06-20T01:00:00Z');
  h = supervisionHandlers({ store, now: () => now, actor: () => session.current(), signing: demoEventSigning(dir, () => now.getTime()) });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const act = (id: string, basis: string | null, action: SupervisionActionInput) => h.act({ id, basis, action: SupervisionAction.parse(action) });

async function assigned(): Promise<SupervisionDetail> {
  session.switchTo('dcs.lin');
  const created = await h.create(SupervisionCreate.parse({ title: '推行掌上办公', deadline: '2022-06-30', lead: ['市审批管理局'] }));
  return act(created.id, created.head, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
}

describe('signed 督办 actions in a demo profile', () => {
  it('creates the profile CA and demo keys (demo PIN) and signs each action as its actor', async () => {
    const d = await assigned();
    expect(fs.existsSync(path.join(store.dir, 'pki', 'ca.pem'))).toBe(true);
    // Every demo user has a key sealed under the demo PIN.
    expect(Keystore.forDataDir(store.dir).unlock('spj.zhang', DEMO_PIN, 'SM2').size).toBe(1);
    session.switchTo('spj.zhang');
    const acked = await act(d.id, d.head, { type: 'acknowledge', unit: '市审批管理局', note: '' });
    expect(acked.history.map((e) => e.signature)).toEqual([
      { status: 'valid', signer: 'dcs.lin' },
      { status: 'valid', signer: 'spj.zhang' },
    ]);
    expect(acked.history.every((e) => e.event.sig)).toBe(true);
  });

  it('an event with a broken signature written into the store reads as 签名无效; a revoked signer as 证书已吊销', async () => {
    const d = await assigned();
    const first = store.events(d.id).find((e) => e.event.type === 'assign')!.event;
    // Another replica's event: the 交办's signature on an event whose content changed after signing.
    store.applyRemoteEvents(d.id, [{ seq: 1, event: { ...first, id: 'forged-1', type: 'urge', basis: null, payload: { units: ['市审批管理局'], level: 'red', text: '伪造的催办' } } }]);
    let detail = await h.get({ id: d.id });
    const forged = detail.history.find((e) => e.event.id === 'forged-1')!;
    expect(forged.signature).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(signatureLabel(forged.signature!)).toBe('签名无效');

    revokeUser({ dataDir: store.dir, caPin: DEMO_PIN, login: 'spj.zhang', now: () => now.getTime() });
    now = new Date('2022-06-21T01:00:00Z');
    session.switchTo('spj.zhang');
    detail = await act(d.id, detail.head, { type: 'acknowledge', unit: '市审批管理局', note: '' });
    expect(detail.history.at(-1)!.signature).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
    expect(signatureLabel(detail.history.at(-1)!.signature!)).toBe('证书已吊销');
    // The 督查室's earlier signature is unaffected.
    expect(detail.history.find((e) => e.event.type === 'assign')!.signature).toEqual({ status: 'valid', signer: 'dcs.lin' });
  });

  it('profiles sharing OA_DEMO_PKI_DIR trust each other; separate demo CAs do not', async () => {
    const d = await assigned();
    const event = store.events(d.id)[1]!.event as never;
    const shared = tempDir();
    const a = demoEventSigning(tempDir(), () => now.getTime(), { OA_DEMO_PKI_DIR: shared });
    const b = demoEventSigning(tempDir(), () => now.getTime(), { OA_DEMO_PKI_DIR: shared });
    const signed = { ...(event as object), sig: a.sign('rec', recordContentHash({}, '', []), event)! } as never;
    expect(b.verify('rec', [signed])).toEqual([{ status: 'valid', signer: 'dcs.lin' }]);
    // This test's own profile has its own CA: the other profile's signature is not trusted here.
    const [here] = demoEventSigning(store.dir, () => now.getTime(), {}).verify('rec', [signed]);
    // Both demo CAs have the same name: the chain is found and its signature fails (CERT_INVALID).
    expect(here).toMatchObject({ status: 'untrusted' });
    expect(signatureLabel(here!)).toBe('证书不受信任');
  });
});
