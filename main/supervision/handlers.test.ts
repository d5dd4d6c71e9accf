import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { Inbox, SupervisionDetail } from '../../core/ipc/supervision';
import type { SupervisionPage } from '../../core/supervision/model';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';

let store: Store;
let session: Session;
let dispatch: Dispatch;
let now = new Date('2022-06-20T01:00:00Z');

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now });
  now = new Date('2022-06-20T01:00:00Z');
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const { call, ok, act } = dispatchClient(() => ({ dispatch, session }));

async function assignedItem(): Promise<string> {
  const created = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公', deadline: '2022-06-30', lead: ['市审批管理局'] }, 'dcs.lin');
  const assigned = await act(created.id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }, { unit: '市工信局(大数据局)', role: 'responsible' }] });
  expect(assigned.ok).toBe(true);
  return created.id;
}

describe('supervision handlers: who may do what, as errors the UI can show', () => {
  it('only the 督查室 sets up and edits items; 交办 fixes the deadline', async () => {
    const refused = await call('supervision.create', { title: '自行立项' }, 'spj.zhang');
    expect(refused).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '只有督查室可以立项' } });
    const id = await assignedItem();
    const edit = await call('supervision.update', { id, patch: { deadline: '2022-12-31' } }, 'dcs.lin');
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '已交办事项的完成时限不能在编辑中修改:未设时限的请用“设定时限”,已有时限的须经延期审批' } });
    expect((await call('supervision.update', { id, patch: { progressNote: '综合进展' } })).ok).toBe(true);
    expect(await call('supervision.update', { id, patch: { progressNote: '改' } }, 'gxj.chen')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('refuses actions of the wrong identity, for another unit, twice, or on a stale basis', async () => {
    const id = await assignedItem();
    expect(await act(id, { type: 'assign', assignments: [{ unit: '思明区', role: 'responsible' }] }, 'spj.zhang')).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '只有督查室可以进行此操作' },
    });
    expect(await act(id, { type: 'report', unit: '市审批管理局', text: '代报', percent: 50 }, 'gxj.chen')).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '当前身份不属于市审批管理局,不能代其操作' },
    });
    expect((await act(id, { type: 'acknowledge', unit: '市审批管理局' }, 'spj.zhang')).ok).toBe(true);
    expect(await act(id, { type: 'acknowledge', unit: '市审批管理局' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '市审批管理局已于此前签收,不重复计' } });
    expect(await act(id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-06-15', reason: '提前' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '申请延期至的日期应晚于当前完成时限 2022-06-30' },
    });
    const stale = await call('supervision.act', { id, basis: null, action: { type: 'completion_request', unit: '市审批管理局', summary: '完成' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该事项已被他人处理,请刷新后再操作' } });
    expect(await call('supervision.act', { id, basis: null, action: { type: 'close', extra: 1 } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('offers each identity its own actions', async () => {
    const id = await assignedItem();
    const actions = async (as: string) => (await ok<SupervisionDetail>('supervision.get', { id }, as)).actions;
    expect(await actions('dcs.lin')).toEqual(['assign', 'urge']);
    expect(await actions('leader.wang')).toEqual(['urge']);
    expect(await actions('spj.zhang')).toEqual(['acknowledge', 'report', 'extension_request', 'completion_request']);
    expect(await actions('gxj.chen')).toEqual(['acknowledge', 'report']);
    expect(await actions('xxzx.liu')).toEqual([]);
  });
});

describe('待办 and 已办', () => {
  it('a unit sees what waits for it; once done it moves to 已办', async () => {
    const id = await assignedItem();
    const inbox = () => ok<Inbox>('supervision.inbox', {});
    session.switchTo('spj.zhang');
    expect((await inbox()).todo.map((t) => [t.kind, t.label, t.item.id])).toEqual([
      ['acknowledge', '待签收', id],
      ['report', '待报送进展', id],
    ]);
    await act(id, { type: 'acknowledge', unit: '市审批管理局' });
    const after = await inbox();
    expect(after.todo.map((t) => t.kind)).toEqual(['report']);
    expect(after.done.map((d) => [d.label, d.item.id])).toEqual([['签收', id]]);
    session.switchTo('dcs.lin');
    // The item's creation is the 督查室's too (its kernel `create` event), most recent first.
    expect((await inbox()).done.map((d) => d.label)).toEqual(['交办', '创建']);
    // Past the deadline the 督查室 and leaders see it as overdue.
    now = new Date('2022-07-05T01:00:00Z');
    expect((await inbox()).todo.map((t) => t.kind)).toEqual(['overdue']);
    session.switchTo('leader.wang');
    expect((await inbox()).todo.map((t) => t.label)).toEqual(['已超期']);
  });
});

describe('lights in the list, 分解 and roll-up', () => {
  it('filters and sorts by light for the host day', async () => {
    const late = await assignedItem();
    const fine = (await ok<SupervisionDetail>('supervision.create', { title: '年底前完成', deadline: '2022-12-31' }, 'dcs.lin')).id;
    now = new Date('2022-07-05T01:00:00Z');
    const page = await ok<SupervisionPage>('supervision.list', { sort: 'light' });
    expect(page.rows.map((r) => [r.id, r.light])).toEqual([
      [late, 'red'],
      [fine, 'green'],
    ]);
    expect((await ok<SupervisionPage>('supervision.list', { light: 'red' })).rows.map((r) => r.id)).toEqual([late]);
    expect((await ok<SupervisionPage>('supervision.list', { light: 'red', lead: '市审批管理局' })).total).toBe(1);
    expect((await ok<{ lights: unknown }>('supervision.facets', {})).lights).toEqual([
      { value: 'red', count: 1 },
      { value: 'green', count: 1 },
    ]);
  });

  it('a parent’s progress is the average of its sub-tasks', async () => {
    const parent = await assignedItem();
    const child = async (title: string) => (await ok<SupervisionDetail>('supervision.create', { title, parentId: parent }, 'dcs.lin')).id;
    const a = await child('平台建设');
    const b = await child('推广应用');
    for (const id of [a, b]) await act(id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] }, 'dcs.lin');
    await act(a, { type: 'report', unit: '市审批管理局', text: '完成80%', percent: 80 }, 'spj.zhang');
    await act(b, { type: 'report', unit: '市审批管理局', text: '完成20%', percent: 20 });
    const detail = await ok<SupervisionDetail>('supervision.get', { id: parent });
    expect(detail.children.map((c) => [c.title, c.progress])).toEqual([
      ['平台建设', 80],
      ['推广应用', 20],
    ]);
    expect(detail.progress).toBe(50);
    expect((await ok<SupervisionDetail>('supervision.get', { id: a })).parent).toMatchObject({ id: parent, level: 'task' });
    const row = (await ok<SupervisionPage>('supervision.list', {})).rows.find((r) => r.id === parent);
    expect(row?.progress).toBe(50);
  });
});
