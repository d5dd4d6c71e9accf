import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { SupervisionDetail } from '../../core/ipc/supervision';

/** Issue 10, points 1 and 2: a deadline for an item that has none; honest 审核 and progress. */

const app = testApp();
const { call, ok, act } = app;

async function item(deadline: string | null, assignments: Array<{ unit: string; role: 'lead' | 'responsible' }>): Promise<string> {
  const created = await ok<SupervisionDetail>('supervision.create', { title: '建设城市运行管理中心', deadline, lead: [] }, 'dcs.lin');
  expect((await act(created.id, { type: 'assign', assignments })).ok).toBe(true);
  return created.id;
}

describe('设定时限: the first deadline of an assigned item', () => {
  it('is set by the 督查室 as a signed event, notifies the units, and only a change needs 延期', async () => {
    const id = await item(null, [{ unit: '市审批管理局', role: 'lead' }, { unit: '市工信局(大数据局)', role: 'responsible' }]);
    expect((await ok<SupervisionDetail>('supervision.get', { id })).lightReasons).toContain('未设完成时限');
    expect(await act(id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-12-31', reason: '需要' }, 'spj.zhang')).toMatchObject({ ok: false });
    const offered = await ok<SupervisionDetail>('supervision.get', { id }, 'dcs.lin');
    expect(offered.actions).toContain('set_deadline');
    expect(await act(id, { type: 'set_deadline', deadline: '2022-09-30', note: '三季度末' }, 'spj.zhang')).toMatchObject({ ok: false, error: { message: '只有督查室可以进行此操作' } });

    const set = await act(id, { type: 'set_deadline', deadline: '2022-09-30', note: '三季度末' }, 'dcs.lin');
    expect(set.ok).toBe(true);
    const d = (set as { value: SupervisionDetail }).value;
    expect(d.deadline).toBe('2022-09-30');
    expect(d.lightReasons).not.toContain('未设完成时限');
    expect(d.actions).not.toContain('set_deadline');
    const entry = d.history.find((h) => h.event.type === 'set_deadline');
    expect(entry).toMatchObject({ applied: true, event: { by: { login: 'dcs.lin' }, payload: { deadline: '2022-09-30' } } });
    expect(entry?.event.sig).toBeTruthy();

    // The units are told.
    const notices = await ok<{ notifications: Array<{ kind: string; body: string }> }>('notifications.pending', {}, 'gxj.chen');
    expect(notices.notifications.find((n) => n.kind === 'deadline_set')?.body).toContain('2022-09-30');

    // A second 设定时限 is refused; moving it takes 延期, which now works.
    expect(await act(id, { type: 'set_deadline', deadline: '2022-12-31' }, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await act(id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-12-31', reason: '系统联调' }, 'spj.zhang')).ok).toBe(true);
  });

  it('is refused where the item already has a deadline', async () => {
    const id = await item('2022-06-30', [{ unit: '市审批管理局', role: 'lead' }]);
    expect((await ok<SupervisionDetail>('supervision.get', { id }, 'dcs.lin')).actions).not.toContain('set_deadline');
    expect(await act(id, { type: 'set_deadline', deadline: '2022-09-30' }, 'dcs.lin')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该事项已有完成时限 2022-06-30,调整须经延期申请和审批' } });
  });
});

describe('审核 with units that never 签收ed or reported', () => {
  it('needs a confirmation naming each unit and a reason, kept in the event; progress stays as reported after 销号', async () => {
    const id = await item('2022-06-30', [
      { unit: '市审批管理局', role: 'lead' },
      { unit: '市工信局(大数据局)', role: 'responsible' },
      { unit: '市信息中心', role: 'responsible' },
    ]);
    expect((await act(id, { type: 'report', unit: '市审批管理局', text: '完成需求调研', percent: 30 }, 'spj.zhang')).ok).toBe(true);
    expect((await act(id, { type: 'acknowledge', unit: '市信息中心' }, 'xxzx.liu')).ok).toBe(true);
    const requested = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成' }, 'spj.zhang');
    const requestId = (requested as { value: SupervisionDetail }).value.completions[0]!.eventId;

    // 审核 shows each unit's state.
    const review = await ok<SupervisionDetail>('supervision.get', { id }, 'dcs.lin');
    expect(review.assignments.map((a) => [a.unit, a.acknowledged !== null, a.lastReport?.percent ?? null])).toEqual([
      ['市审批管理局', true, 30],
      ['市工信局(大数据局)', false, null],
      ['市信息中心', true, null],
    ]);

    const plain = await act(id, { type: 'completion_review', requestId, accept: true, opinion: '同意' }, 'dcs.lin');
    expect(plain).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((plain as { error: { message: string } }).error.message).toContain('市工信局(大数据局)(未签收)、市信息中心(未报送进展)');
    const partial = await act(id, { type: 'completion_review', requestId, accept: true, confirmed: { units: ['市信息中心'], reason: '已电话核实' } }, 'dcs.lin');
    expect(partial).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const confirmed = { units: ['市工信局(大数据局)', '市信息中心'], reason: '两单位职责已由牵头单位统筹完成,经电话核实' };
    const accepted = await act(id, { type: 'completion_review', requestId, accept: true, opinion: '同意办结', confirmed }, 'dcs.lin');
    expect(accepted.ok).toBe(true);
    const closed = await act(id, { type: 'close', note: '销号' }, 'dcs.lin');
    const detail = (closed as { value: SupervisionDetail }).value;
    expect(detail.history.find((h) => h.event.type === 'completion_review')?.event.payload).toMatchObject({ confirmed });
    expect(detail.status).toBe('closed');
    expect(detail.progress).toBe(30);
  });

  it('passes without a confirmation when every unit signed and reported', async () => {
    const id = await item('2022-06-30', [{ unit: '市审批管理局', role: 'lead' }]);
    await act(id, { type: 'report', unit: '市审批管理局', text: '全部完成', percent: 100 }, 'spj.zhang');
    const requested = await act(id, { type: 'completion_request', unit: '市审批管理局', summary: '已完成' }, 'spj.zhang');
    const requestId = (requested as { value: SupervisionDetail }).value.completions[0]!.eventId;
    expect((await act(id, { type: 'completion_review', requestId, accept: true }, 'dcs.lin')).ok).toBe(true);
    expect(await call('supervision.get', { id })).toMatchObject({ ok: true, value: { status: 'completed', progress: 100 } });
  });
});
