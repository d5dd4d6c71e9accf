import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BriefingView, DashboardView, SupervisionSettingsView } from '../../core/ipc/dashboard';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { Light, SupervisionPage } from '../../core/supervision/model';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { DashboardIndex } from './dashboard-index';
import { SETTINGS_META_KEY, SupervisionSettingsStore } from './settings';

/**
 * 2022-09-29 (Thursday). The deadline 2022-10-10 is 4 working days away across 国庆: 09-30,
 * 10-08 and 10-09 (the 调休 weekend) and 10-10; 10-01..10-07 are holidays. So the item is green
 * with the default window of 3 working days and yellow with 4, though 11 calendar days remain.
 */
const NOW = new Date('2022-09-29T02:00:00Z');
const DEADLINE = '2022-10-10';

let store: Store;
let session: Session;
let dispatch: Dispatch;

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => NOW });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const { call, ok } = dispatchClient(() => ({ dispatch, session }));

/** An item 交办 to 市审批管理局 and signed, so only the deadline can colour it. */
async function itemDueInFourWorkingDays(): Promise<string> {
  const created = await ok<SupervisionDetail>('supervision.create', { title: '完善政务服务“好差评”制度', deadline: DEADLINE, lead: ['市审批管理局'] }, 'dcs.lin');
  const assign = await call<SupervisionDetail>('supervision.act', {
    id: created.id,
    basis: created.head,
    action: { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] },
  });
  expect(assign).toMatchObject({ ok: true });
  const signed = await ok<SupervisionDetail>('supervision.get', { id: created.id }, 'spj.zhang');
  expect((await call('supervision.act', { id: created.id, basis: signed.head, action: { type: 'acknowledge', unit: '市审批管理局' } })).ok).toBe(true);
  session.switchTo('dcs.lin');
  return created.id;
}

/** The item's light as the list, the list's light filter, the detail, 一屏通览 and 通报 see it. */
async function lightsOf(id: string) {
  const row = (await ok<SupervisionPage>('supervision.list', {})).rows.find((r) => r.id === id);
  const filtered = async (light: Light) => (await ok<SupervisionPage>('supervision.list', { light })).rows.some((r) => r.id === id);
  const detail = await ok<SupervisionDetail>('supervision.get', { id });
  const dashboard = await ok<DashboardView>('dashboard.get', {});
  const briefing = await ok<BriefingView>('dashboard.briefing', { from: '2022-09-01', to: '2022-09-30' });
  return {
    list: row?.light,
    yellowFilter: await filtered('yellow'),
    greenFilter: await filtered('green'),
    detail: detail.lightView.light,
    dashboardYellow: dashboard.byLight.find((l) => l.light === 'yellow')?.count,
    briefingYellow: briefing.totals.yellow,
  };
}

describe('督办设置: the 黄灯 window', () => {
  it('starts at the default, and a change recolours list, filter, detail, 一屏通览 and 通报 at once', async () => {
    const id = await itemDueInFourWorkingDays();
    expect(await ok<SupervisionSettingsView>('dashboard.supervisionSettings', {})).toEqual({
      warnWorkingDays: 3,
      defaultWarnWorkingDays: 3,
      notice: null,
    });
    const green = { list: 'green', yellowFilter: false, greenFilter: true, detail: 'green', dashboardYellow: 0, briefingYellow: 0 };
    expect(await lightsOf(id)).toEqual(green);

    const saved = await ok<SupervisionSettingsView>('dashboard.setSupervisionSettings', { warnWorkingDays: 4 });
    expect(saved.warnWorkingDays).toBe(4);
    expect(await lightsOf(id)).toEqual({ list: 'yellow', yellowFilter: true, greenFilter: false, detail: 'yellow', dashboardYellow: 1, briefingYellow: 1 });
    const facets = await ok<{ lights: Array<{ value: Light; count: number }> }>('supervision.facets', {});
    expect(facets.lights).toEqual([{ value: 'yellow', count: 1 }]);
    const detail = await ok<SupervisionDetail>('supervision.get', { id });
    expect(detail.lightView.escalation).toBe('blue');

    // The unit is told the deadline approaches, with the same window.
    const pending = await ok<{ notifications: AppNotification[] }>('notifications.pending', {}, 'spj.zhang');
    expect(pending.notifications.filter((n) => n.kind === 'due_soon').map((n) => n.itemId)).toEqual([id]);

    // Back to 3: green again everywhere, the dashboard's held rows included.
    await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 3 }, 'admin');
    expect(await lightsOf(id)).toEqual(green);
    const none = await ok<{ notifications: AppNotification[] }>('notifications.pending', {}, 'spj.zhang');
    expect(none.notifications.filter((n) => n.kind === 'due_soon')).toEqual([]);
  });

  it('does not make 一屏通览 rescan its held rows: they hold date keys, not lights; a record write re-reads only its row', async () => {
    const id = await itemDueInFourWorkingDays();
    const build = vi.spyOn(DashboardIndex.prototype as unknown as { build: () => unknown }, 'build');
    const refresh = vi.spyOn(DashboardIndex.prototype as unknown as { refresh: (ids: string[]) => unknown }, 'refresh');
    try {
      await ok('dashboard.get', {});
      expect(build).toHaveBeenCalledTimes(1);
      await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 4 });
      expect((await ok<DashboardView>('dashboard.get', {})).byLight.find((l) => l.light === 'yellow')?.count).toBe(1);
      expect(build).toHaveBeenCalledTimes(1);
      expect(refresh).not.toHaveBeenCalled();
      // A record write reads that record's row again, and nothing else (the spies see both).
      await ok('supervision.update', { id, patch: { progressNote: '已制定回访方案' } });
      await ok('dashboard.get', {});
      expect(build).toHaveBeenCalledTimes(1);
      expect(refresh.mock.calls).toEqual([[[id]]]);
    } finally {
      build.mockRestore();
      refresh.mockRestore();
    }
  });

  it('keeps the setting in the profile across a restart', async () => {
    await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 10 });
    const dir = store.dir;
    store.close();
    store = Store.open({ dir });
    dispatch = createAppDispatch({ store, shell: 'web', session, now: () => NOW });
    expect((await ok<SupervisionSettingsView>('dashboard.supervisionSettings', {})).warnWorkingDays).toBe(10);
  });

  it('refuses values out of 0..30, fractions, text and unknown fields, and keeps what was saved', async () => {
    await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 5 });
    const cases: Array<[unknown, string]> = [
      [{ warnWorkingDays: 31 }, '黄灯预警天数不能超过 30 个工作日'],
      [{ warnWorkingDays: -1 }, '黄灯预警天数不能小于 0'],
      [{ warnWorkingDays: 2.5 }, '黄灯预警天数应为整数'],
      [{ warnWorkingDays: '4' }, '黄灯预警天数应为整数'],
      [{}, '黄灯预警天数应为整数'],
      [{ warnWorkingDays: 4, holidays: false }, 'holidays'],
    ];
    for (const [input, message] of cases) {
      const result = await call('dashboard.setSupervisionSettings', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      if (!result.ok) expect(result.error.message, JSON.stringify(input)).toContain(message);
    }
    expect((await ok<SupervisionSettingsView>('dashboard.supervisionSettings', {})).warnWorkingDays).toBe(5);
    // 0 and 30 are the bounds, both allowed.
    expect((await ok<SupervisionSettingsView>('dashboard.setSupervisionSettings', { warnWorkingDays: 0 })).warnWorkingDays).toBe(0);
    expect((await ok<SupervisionSettingsView>('dashboard.setSupervisionSettings', { warnWorkingDays: 30 })).warnWorkingDays).toBe(30);
  });

  it('is the installation’s own setting: any identity using it may change it', async () => {
    await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 6 }, 'dcs.lin');
    for (const [login, days] of [['spj.zhang', 1], ['leader.wang', 2]] as const) {
      expect((await ok<SupervisionSettingsView>('dashboard.setSupervisionSettings', { warnWorkingDays: days }, login)).warnWorkingDays).toBe(days);
      expect((await ok<SupervisionSettingsView>('dashboard.supervisionSettings', {}, 'dcs.lin')).warnWorkingDays).toBe(days);
    }
  });

  it('keeps the unit ranking switch to the 督查室 and the administrator', async () => {
    expect(await call('dashboard.setRanking', { enabled: false }, 'spj.zhang')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只有督查室或系统管理员可以设置单位排名' },
    });
    expect((await ok<{ enabled: boolean }>('dashboard.setRanking', { enabled: false }, 'dcs.lin')).enabled).toBe(false);
  });

  it('falls back to the default on a corrupt stored value, says so, and saving repairs it', async () => {
    const id = await itemDueInFourWorkingDays();
    await ok('dashboard.setSupervisionSettings', { warnWorkingDays: 4 });
    expect((await lightsOf(id)).list).toBe('yellow');
    for (const corrupt of ['{"warnWorkingDays":', '{"warnWorkingDays":"四"}', '{"warnWorkingDays":400}', '7']) {
      store.setMeta(SETTINGS_META_KEY, corrupt);
      const view = await ok<SupervisionSettingsView>('dashboard.supervisionSettings', {});
      expect(view.warnWorkingDays, corrupt).toBe(3);
      expect(view.notice, corrupt).toContain('保存的督办设置无法读取,已按默认值');
      expect(await lightsOf(id), corrupt).toMatchObject({ list: 'green', detail: 'green', dashboardYellow: 0 });
    }
    const repaired = await ok<SupervisionSettingsView>('dashboard.setSupervisionSettings', { warnWorkingDays: 4 });
    expect(repaired).toMatchObject({ warnWorkingDays: 4, notice: null });
    expect((await lightsOf(id)).list).toBe('yellow');
  });

  it('reports an unreadable value once, not on every read', () => {
    const reports: string[] = [];
    const settings = new SupervisionSettingsStore(store, { report: (m) => reports.push(m) });
    store.setMeta(SETTINGS_META_KEY, 'not json');
    expect([settings.warnWorkingDays(), settings.warnWorkingDays()]).toEqual([3, 3]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain(SETTINGS_META_KEY);
    store.setMeta(SETTINGS_META_KEY, '{"warnWorkingDays":-2}');
    expect(settings.read()).toMatchObject({ settings: { warnWorkingDays: 3 }, problem: expect.stringContaining('默认值') });
    expect(reports).toHaveLength(2);
    settings.write({ warnWorkingDays: 8 });
    expect(settings.read()).toEqual({ settings: { warnWorkingDays: 8 }, problem: null });
    expect(() => settings.write({ warnWorkingDays: 99 })).toThrow('黄灯预警天数不能超过 30 个工作日');
    expect(settings.warnWorkingDays()).toBe(8);
  });
});
