import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { defaultSeedFile, importSeedFile } from '../seed/import-seed';

/** Issue 10, point 8: the PIN once per session for signatures, each time for a seal; no 签发/用印 on a 收文. */

const app = testApp({ pinMode: 'session' });
const { call, ok } = app;

describe('signing keys behind the PIN', () => {
  it('refuses an act while the key is locked (nothing written), unlocks once per session and per person', async () => {
    const locked = await call('supervision.create', { title: '推行掌上办公' }, 'dcs.lin');
    expect(locked).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED', details: { scope: 'session' } } });
    expect(app.store().count('supervision')).toBe(0);
    expect(await ok('signing.status', {})).toEqual({ mode: 'session', unlocked: false });
    expect(await call('signing.unlock', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(await ok('signing.unlock', { pin: '123456' })).toEqual({ mode: 'session', unlocked: true });

    const created = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公' });
    const assigned = await call<SupervisionDetail>('supervision.act', { id: created.id, basis: created.head, action: { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] } });
    expect(assigned.ok).toBe(true);
    // Another person's key is still locked.
    expect(await call('supervision.act', { id: created.id, basis: null, action: { type: 'acknowledge', unit: '市审批管理局' } }, 'spj.zhang')).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
    await ok('signing.unlock', { pin: '123456' });
    expect((await call('supervision.act', { id: created.id, basis: null, action: { type: 'acknowledge', unit: '市审批管理局' } })).ok).toBe(true);
  });

  it('asks for the PIN with every seal, even with the key unlocked', async () => {
    const id = app.store().create('document', (doc) => {
      fieldsOf(doc).set('title', '关于第三季度督办情况的通报');
      setBodyText(doc, '各区人民政府:\n现将有关情况通报如下。');
    });
    app.session().switchTo('leader.wang');
    // (签发 of a 发文 is the 公文 workflow's step since branch docs: main/documents.)
    await ok('signing.unlock', { pin: '123456' });
    expect(await call('signatures.sign', { id, kind: '用印' })).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED', details: { scope: 'each' } } });
    expect(await call('signatures.sign', { id, kind: '用印', pin: '111111' })).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    // The right PIN passes the gate; a draft is then refused by the 公文 workflow itself (用印 follows 签发 and 编号).
    expect(await call('signatures.sign', { id, kind: '用印', pin: '123456' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call('signatures.sign', { id, kind: '用印' })).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
  });

  it('offers no 签发 or 用印 on a received 收文', async () => {
    importSeedFile(app.store(), defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
    const incoming = await ok<Array<{ id: string; docNumber: string }>>('incoming.list', {});
    const received = incoming.find((d) => d.docNumber === '厦府办〔2022〕47号')!;
    app.session().switchTo('leader.wang');
    await ok('signing.unlock', { pin: '123456' });
    for (const kind of ['签发', '用印']) {
      expect(await call('signatures.sign', { id: received.id, kind, pin: '123456' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '收文是来文,不在本机签发或用印;签发和用印在发文办理中进行' } });
    }
    expect(app.store().events(received.id).some((e) => e.event.type === 'sign')).toBe(false);
  });
});
