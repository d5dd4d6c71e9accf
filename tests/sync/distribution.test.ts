import { describe, expect, it } from 'vitest';
import type { DocumentWorkflow } from '../../core/documents/view';
import type { IncomingWorkflow } from '../../core/incoming/view';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { appCall as call } from '../helpers/pin-dispatch';
import { untilValue as until } from './helpers';
import { idle, trustedServerApps } from './trusted-apps';

/**
 * 分发 through a real sync server that checks signatures and seals (--trust-ca with the demo
 * PKI every profile shares). The 督查室 sends a 通知 主送 市工信局(大数据局), 抄送 市审批管理局: each
 * unit finds its own 收文 copy under 收文 (待签收) and 签收s it, which the sender sees; 思明区, not
 * an addressee and syncing with the same server all along, receives no bytes of the 公文 or of
 * either copy.
 */
describe('分发 through the real sync server', () => {
  const apps = trustedServerApps('distribution', ['dcs.lin', 'gxj.wu', 'spj.lin', 'siming.huang']);

  it('each addressee unit gets its own 收文 to 签收; a unit that is not an addressee receives nothing of it', async () => {
    const sender = apps.get('dcs.lin')!;
    const { id } = await call<{ id: string }>(sender, 'documents.draft', { docKind: '通知', title: '关于开展政务数据安全检查的通知', issuerCode: '厦督' });
    sender.store.change(id, (doc) => {
      fieldsOf(doc).set('mainRecipients', ['市工信局(大数据局)']);
      fieldsOf(doc).set('ccRecipients', ['市审批管理局']);
      setBodyText(doc, '各有关单位:\n一、检查范围\n二、时间安排');
    });
    let w = await call<DocumentWorkflow>(sender, 'documents.step', { id, basis: null, step: { type: 'submit' } });
    w = await call(sender, 'documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } });
    await idle(sender);
    w = await call(sender, 'documents.number', { id });
    const docNumber = `厦督〔${new Date().getFullYear()}〕1号`;
    expect(w.number).toEqual({ docNumber, local: false });
    await call(sender, 'signatures.sign', { id, kind: '用印' });
    w = await call(sender, 'documents.distribute', { id, external: [] });
    expect(w.copies.map((c) => [c.unit, c.role])).toEqual([
      ['市工信局(大数据局)', '主送'],
      ['市审批管理局', '抄送'],
    ]);
    await idle(sender);
    // The server took every event (none refused): the seal verified against the trusted CA.
    const history = await call<{ history: { status: string; event: { type: string } }[] }>(sender, 'records.get', { id });
    expect(history.history.map((h) => [h.event.type, h.status])).toEqual(['create', 'submit', 'issue', 'number', 'sign', 'distribute'].map((t) => [t, 'confirmed']));

    for (const [login, copy] of [['gxj.wu', w.copies[0]!], ['spj.lin', w.copies[1]!]] as const) {
      const app = apps.get(login)!;
      const row = await until(async () => (await call<{ id: string; status: string }[]>(app, 'incoming.list', {})).find((r) => r.id === copy.incomingId), `${login} receives its copy`);
      expect(row.status).toBe('待签收');
      const i = await call<IncomingWorkflow>(app, 'incoming.workflow', { id: copy.incomingId });
      expect(i).toMatchObject({ unit: copy.unit, source: { id, docNumber, role: copy.role } });
      await call(app, 'records.act', { id: copy.incomingId, basis: i.head, type: 'receive', payload: {} });
      await idle(app);
      // Each unit holds its own copy only, never the 发文 itself nor the other unit's copy.
      expect(app.store.has(id)).toBe(false);
      expect(app.store.has(w.copies.find((c) => c !== copy)!.incomingId)).toBe(false);
    }
    await until(async () => (await call<DocumentWorkflow>(sender, 'documents.workflow', { id })).copies.every((c) => c.phaseLabel === '待登记'), 'the sender sees both 签收');

    const outsider = apps.get('siming.huang')!;
    await idle(outsider);
    expect([id, ...w.copies.map((c) => c.incomingId)].map((x) => outsider.store.has(x))).toEqual([false, false, false]);
    expect(await call<unknown[]>(outsider, 'incoming.list', {})).toEqual([]);
  }, 300_000);
});
