import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { BriefingView } from '../../core/ipc/dashboard';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { DocumentDetail, DocumentRow } from '../../core/documents/model';
import type { DocumentWorkflow } from '../../core/documents/view';

/**
 * Issue 10, point 4: every figure of the 通报 checked against the items' own data (each item's
 * detail, not the projection the 通报 is built from); one record per period; one number each.
 */

const app = testApp({ start: '2022-06-01T01:00:00Z' });
const { ok, act } = app;
const at = (date: string) => `${date}T01:00:00Z`;
type Role = 'lead' | 'responsible';

async function item(title: string, deadline: string | null, units: Array<[string, Role]>): Promise<string> {
  const d = await ok<SupervisionDetail>('supervision.create', { title, deadline }, 'dcs.lin');
  if (units.length) await act(d.id, { type: 'assign', assignments: units.map(([unit, role]) => ({ unit, role })) }, 'dcs.lin');
  return d.id;
}

const STAFF: Record<string, string> = { 市审批管理局: 'spj.zhang', '市工信局(大数据局)': 'gxj.chen', 市信息中心: 'xxzx.liu', 市信息集团: 'xxjt.zhou' };

async function finish(id: string, unit: string, date: string): Promise<void> {
  app.setNow(at(date));
  await act(id, { type: 'report', unit, text: '已全部完成', percent: 100 }, STAFF[unit]);
  const requested = await act(id, { type: 'completion_request', unit, summary: '已完成' }, STAFF[unit]);
  const requestId = (requested as { value: SupervisionDetail }).value.completions.at(-1)!.eventId;
  const d = (requested as { value: SupervisionDetail }).value;
  const silent = d.assignments.filter((a) => !a.group && (!a.acknowledged || !a.lastReport)).map((a) => a.unit);
  const confirmed = silent.length ? { units: silent, reason: '经核实' } : null;
  expect((await act(id, { type: 'completion_review', requestId, accept: true, confirmed }, 'dcs.lin')).ok).toBe(true);
}

describe('the 通报 states the items’ facts', () => {
  it('matches a count made from each item’s detail, names only the units that did not 签收, and keeps one record per period', async () => {
    const ids = {
      // 三(二): three lead units, one signs — only the other two are 逾期未签收.
      threeLeads: await item('三(二)推进数据汇聚', '2022-09-30', [['市审批管理局', 'lead'], ['市工信局(大数据局)', 'lead'], ['市信息中心', 'lead']]),
      overdue: await item('超期事项', '2022-06-15', [['市信息集团', 'lead']]),
      doneInPeriod: await item('本期办结', '2022-06-30', [['市审批管理局', 'lead']]),
      doneLate: await item('超期后办结', '2022-06-10', [['市信息中心', 'lead']]),
      extension: await item('延期待批', '2022-06-20', [['市工信局(大数据局)', 'responsible']]),
      noDeadline: await item('未设时限', null, [['市信息集团', 'responsible']]),
      draft: await item('待交办', '2022-08-01', []),
    };
    app.setNow(at('2022-06-02'));
    await act(ids.threeLeads, { type: 'acknowledge', unit: '市工信局(大数据局)' }, 'gxj.chen');
    await act(ids.overdue, { type: 'acknowledge', unit: '市信息集团' }, 'xxjt.zhou');
    await finish(ids.doneInPeriod, '市审批管理局', '2022-06-20');
    await finish(ids.doneLate, '市信息中心', '2022-06-24');
    app.setNow(at('2022-06-10'));
    await act(ids.extension, { type: 'extension_request', unit: '市工信局(大数据局)', deadline: '2022-07-31', reason: '设备到货延迟' }, 'gxj.chen');

    app.setNow(at('2022-07-05'));
    const period = { from: '2022-06-01', to: '2022-06-30' };
    const view = await ok<BriefingView>('dashboard.briefing', period, 'dcs.lin');
    expect(view.asOf).toBe('2022-06-30');

    // The same facts, from each item's own detail read on the day assessed.
    app.setNow(at(view.asOf));
    const details = await Promise.all(Object.values(ids).map((id) => ok<SupervisionDetail>('supervision.get', { id })));
    const done = (d: SupervisionDetail) => d.status === 'completed' || d.status === 'closed';
    const completedAt = (d: SupervisionDetail) => d.completions.find((c) => c.review?.accept)?.review?.at.slice(0, 10) ?? null;
    const assessed = (d: SupervisionDetail) => d.extendedDeadline ?? d.deadline;
    expect(view.totals).toEqual({
      total: details.length,
      inProgress: details.filter((d) => d.status === 'in_progress' || d.status === 'review').length,
      completed: details.filter(done).length,
      completedInPeriod: details.filter((d) => done(d) && completedAt(d)! >= period.from && completedAt(d)! <= period.to).length,
      red: details.filter((d) => d.light === 'red').length,
      yellow: details.filter((d) => d.light === 'yellow').length,
      green: details.filter((d) => d.light === 'green').length,
    });
    expect(view.completed.map((i) => i.id).sort()).toEqual(details.filter((d) => done(d)).map((d) => d.id).sort());
    const overdue = details.filter((d) => !done(d) && assessed(d) !== null && assessed(d)! < view.asOf);
    const byUnit = new Map<string, string[]>();
    for (const d of overdue) {
      const leads = d.assignments.filter((a) => a.role === 'lead').map((a) => a.unit);
      for (const u of leads.length ? leads : d.assignments.map((a) => a.unit)) byUnit.set(u, [...(byUnit.get(u) ?? []), d.id]);
    }
    expect(Object.fromEntries(view.overdueByUnit.map((g) => [g.unit, g.items.map((i) => i.id).sort()]))).toEqual(
      Object.fromEntries([...byUnit].map(([u, list]) => [u, list.sort()])),
    );
    // 需协调: each item with its reasons; 逾期未签收 names exactly the units whose limit passed unsigned.
    const expectedNotes = details
      .filter((d) => d.status !== 'draft' && !done(d))
      .map((d) => {
        const unsigned = d.assignments.filter((a) => a.acknowledgeOverdue).map((a) => a.unit);
        const notes = [d.extensions.some((e) => !e.decision) ? '延期申请待审批' : '', unsigned.length ? `${unsigned.join('、')}逾期未签收` : ''].filter(Boolean);
        return [d.id, notes.join('；')] as const;
      })
      .filter(([, note]) => note !== '');
    expect(view.coordination.map((i) => [i.id, i.note])).toEqual(expectedNotes);
    const three = view.coordination.find((i) => i.id === ids.threeLeads)!;
    expect(three.note).toBe('市审批管理局、市信息中心逾期未签收');
    expect(view.paragraphs.join('\n')).toContain(`共有督办事项${view.totals.total}项，其中办理中${view.totals.inProgress}项，已办结${view.totals.completed}项（本期办结${view.totals.completedInPeriod}项）`);

    // Generating twice keeps one record per period; a draft has no 文号 (so none is taken twice).
    const first = await ok<{ id: string }>('dashboard.generateBriefing', period, 'dcs.lin');
    app.setNow(at('2022-07-06'));
    const again = await ok<{ id: string }>('dashboard.generateBriefing', period, 'dcs.lin');
    expect(again.id).toBe(first.id);
    const next = await ok<{ id: string }>('dashboard.generateBriefing', { from: '2022-07-01', to: '2022-07-05' }, 'dcs.lin');
    const stored = await ok<DocumentDetail>('documents.get', { id: first.id });
    expect(stored).toMatchObject({ writtenDate: '2022-07-06', docNumber: '', issuerCode: '督查通报' });
    expect(app.store().events(first.id).map((e) => e.event.type)).toEqual(['create', 'edit']);

    // Its 文号 comes from the 公文 workflow's 编号, once, after 签发; the next 通报 takes the next number.
    for (const id of [next.id, first.id]) {
      let w = await ok<DocumentWorkflow>('documents.step', { id, basis: null, step: { type: 'submit' } }, 'dcs.lin');
      w = await ok<DocumentWorkflow>('documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } }, 'dcs.lin');
      await ok<DocumentWorkflow>('documents.number', { id }, 'dcs.lin');
    }
    expect(await app.call('dashboard.generateBriefing', period, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('本期通报已送审办理') } });
    const list = await ok<DocumentRow[]>('documents.list', {});
    expect(list.map((r) => [r.id, r.docNumber]).sort()).toEqual(
      [
        [next.id, '督查通报〔2022〕1号'],
        [first.id, '督查通报〔2022〕2号'],
      ].sort(),
    );
  });
});
