import { describe, expect, it } from 'vitest';
import type { DocumentListRow, DocumentWorkflow } from '../../core/documents/view';
import { testApp } from '../app/testing/test-app';

/** Issue 10, point 4: the 发文 list has a way to withdraw a draft (撤销), and a withdrawn 通报 can be generated anew. */
const app = testApp({ start: '2022-07-06T01:00:00Z' });
const { ok, call } = app;
const period = { from: '2022-07-01', to: '2022-07-05' };

describe('撤销 a draft', () => {
  it('leaves the 发文 list (the 已撤销 filter still finds it), is read-only, and the period’s 通报 is generated anew', async () => {
    const { id } = await ok<{ id: string }>('dashboard.generateBriefing', period, 'dcs.lin');
    const { id: notice } = await ok<{ id: string }>('documents.draft', { docKind: '通知', title: '关于开展政务数据安全检查的通知' }, 'bgt.li');

    // Another unit may not withdraw it; its own unit may, with a reason.
    expect(await call('documents.step', { id, basis: null, step: { type: 'withdraw', opinion: '' } }, 'bgt.li')).toMatchObject({ ok: false, error: { message: '只有拟稿单位可以撤销草稿' } });
    const before = await ok<DocumentWorkflow>('documents.workflow', { id }, 'dcs.lin');
    expect(before.actions).toContain('withdraw');
    const w = await ok<DocumentWorkflow>('documents.step', { id, basis: before.head, step: { type: 'withdraw', opinion: '数据有误,重新生成' } });
    expect(w).toMatchObject({ phase: 'withdrawn', phaseLabel: '已撤销', actions: [] });
    expect(w.opinions.at(-1)).toMatchObject({ step: '撤销', opinion: '数据有误,重新生成' });

    const list = await ok<DocumentListRow[]>('documents.list', {});
    expect(list.map((r) => r.id)).toEqual([notice]);
    expect((await ok<DocumentListRow[]>('documents.list', { status: '已撤销' })).map((r) => [r.id, r.status])).toEqual([[id, '已撤销']]);
    expect(await call('records.update', { id, base: {}, patch: { title: '改' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已撤销的公文为只读') } });

    // The period's 通报 is generated again as a new draft; the withdrawn one stays as it was.
    const again = await ok<{ id: string }>('dashboard.generateBriefing', period);
    expect(again.id).not.toBe(id);
    expect((await ok<DocumentWorkflow>('documents.workflow', { id })).phase).toBe('withdrawn');
  });
});
