import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { AcknowledgeManyResult, Inbox, SupervisionDetail } from '../../core/ipc/supervision';

/** Issue 10, point 5: a unit contact's 待办 puts the urgent item first; batch 签收; a written reply to a 督查单. */

const app = testApp({ start: '2022-06-01T01:00:00Z' });
const { call, ok, act } = app;

async function assigned(title: string, deadline: string | null): Promise<string> {
  const d = await ok<SupervisionDetail>('supervision.create', { title, deadline }, 'dcs.lin');
  expect((await act(d.id, { type: 'assign', assignments: [{ unit: '市工信局(大数据局)', role: 'lead' }] }, 'dcs.lin')).ok).toBe(true);
  return d.id;
}

describe('the unit contact’s 待办', () => {
  it('lists a red 督查单 and an overdue item before routine 签收, and answers the 督查单 in writing', async () => {
    const routine = await Promise.all(['甲', '乙', '丙', '丁'].map((t, i) => assigned(`常规事项${t}`, `2022-12-${10 + i}`)));
    const overdue = await assigned('超期事项', '2022-06-10');
    const urged = await assigned('督查事项', '2022-12-31');
    app.setNow(new Date('2022-06-20T01:00:00Z'));
    const red = await act(urged, { type: 'urge', units: ['市工信局(大数据局)'], level: 'red', text: '请说明滞后原因' }, 'dcs.lin');
    const urgeId = (red as { value: SupervisionDetail }).value.urges[0]!.eventId;

    const inbox = await ok<Inbox>('supervision.inbox', {}, 'gxj.chen');
    const order = inbox.todo.map((t) => [t.item.title, t.kind, t.urgency]);
    const firstRoutine = order.findIndex(([title]) => String(title).startsWith('常规事项'));
    const urgent = order.slice(0, firstRoutine).map(([title]) => title);
    expect(urgent).toContain('超期事项');
    expect(urgent).toContain('督查事项');
    expect(inbox.todo.find((t) => t.kind === 'urge')?.urgency).toBe(3);
    // The red 督查单 heads the list: the 督查室 waits for its answer.
    expect(inbox.todo[0]).toMatchObject({ kind: 'urge', item: { title: '督查事项' } });
    for (let i = 1; i < inbox.todo.length; i += 1) expect(inbox.todo[i - 1]!.urgency).toBeGreaterThanOrEqual(inbox.todo[i]!.urgency);

    // 批量签收 of several items; each is a signed event of its own; a refusal does not stop the rest.
    const batch = await ok<AcknowledgeManyResult>('supervision.acknowledgeMany', { ids: [...routine.slice(0, 3), overdue, 'no-such-item'] }, 'gxj.chen');
    expect(batch.acknowledged).toEqual([...routine.slice(0, 3), overdue]);
    expect(batch.failed).toEqual([{ id: 'no-such-item', message: '督办事项不存在:no-such-item' }]);
    const after = await ok<Inbox>('supervision.inbox', {}, 'gxj.chen');
    expect(after.todo.filter((t) => t.kind === 'acknowledge').map((t) => t.item.id).sort()).toEqual([routine[3], urged].sort());
    const signed = await ok<SupervisionDetail>('supervision.get', { id: overdue });
    expect(signed.history.find((h) => h.event.type === 'acknowledge')?.event.sig).toBeTruthy();

    // A red 督查单 needs a written 情况说明; the 督查室 sees it.
    expect(await act(urged, { type: 'urge_read', urgeId, unit: '市工信局(大数据局)' }, 'gxj.chen')).toMatchObject({ ok: false, error: { message: '红色督查单须书面回复情况说明,请填写后提交' } });
    const replied = await act(urged, { type: 'urge_read', urgeId, unit: '市工信局(大数据局)', reply: '因设备到货延迟,已协调供应商,七月中旬完成' }, 'gxj.chen');
    expect(replied.ok).toBe(true);
    const seen = await ok<SupervisionDetail>('supervision.get', { id: urged }, 'dcs.lin');
    expect(seen.urges[0]?.replies).toMatchObject([{ unit: '市工信局(大数据局)', text: '因设备到货延迟,已协调供应商,七月中旬完成', by: { login: 'gxj.chen' } }]);
    const notices = await ok<{ notifications: Array<{ kind: string; body: string }> }>('notifications.pending', {}, 'dcs.lin');
    expect(notices.notifications.find((n) => n.kind === 'urge_reply')?.body).toContain('设备到货延迟');
    // Once shown (acknowledged) it is not offered again, but stays in 消息.
    await ok('notifications.ack', { keys: notices.notifications.map((n) => (n as unknown as { key: string }).key) });
    expect((await ok<{ notifications: unknown[] }>('notifications.pending', {})).notifications).toEqual([]);
    const kept = await ok<{ notifications: Array<{ kind: string; seen: boolean }> }>('notifications.recent', {});
    expect(kept.notifications.find((n) => n.kind === 'urge_reply')).toMatchObject({ seen: true });
    expect((await call('supervision.acknowledgeMany', { ids: [] })).ok).toBe(false);
  });
});
