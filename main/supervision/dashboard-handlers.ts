import { beijingDate } from '../../core/calendar/iso-date';
import type { SupervisionSettingsView } from '../../core/ipc/dashboard';
import type { Handlers } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/supervision/actor';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { buildBriefing, exportBriefing, generateBriefing, unsignedUnitsIn } from './briefing';
import { supervisionDashboard } from './dashboard';
import { SupervisionSettingsStore } from './settings';
import { supervisionRepo } from './repository';

export interface DashboardContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  /** 督办设置 in the profile (the 黄灯 window); default: read from `store`. */
  settings?: SupervisionSettingsStore;
  /** Signs the 通报's `create` event (main/kernel/signing.ts). */
  signing?: EventSigning;
}

/** The ranking switch is the 督查室's (it decides what the 一屏通览 shows to leaders); administrators manage the installation. */
const mayConfigure = (actor: Actor) => actor.role === 'supervisor' || actor.role === 'admin';

/** 一屏通览 and 通报: read-only over the local projection, so they work offline. */
export function dashboardHandlers(ctx: DashboardContext): Handlers['dashboard'] {
  const db = supervisionRepo(ctx.store).database;
  // The rows it holds follow the store's writes per record (a settings write changes none); shared with the list's facets.
  const dashboard = supervisionDashboard(ctx.store);
  const settings = ctx.settings ?? new SupervisionSettingsStore(ctx.store);
  // The 黄灯 window is read on every request: a change in 设置 applies at once.
  const clock = () => ({ today: beijingDate(ctx.now()), warnWorkingDays: settings.warnWorkingDays() });
  const briefingClock = () => ({ ...clock(), unsignedUnits: unsignedUnitsIn(ctx.store) });
  const settingsView = (): SupervisionSettingsView => {
    const { settings: current, problem } = settings.read();
    return { ...current, defaultWarnWorkingDays: DEFAULT_WARN_WORKING_DAYS, notice: problem };
  };
  return {
    get: (query) => dashboard.view(query, clock()),
    ranking: () => ({ enabled: dashboard.rankingEnabled() }),
    setRanking: ({ enabled }) => {
      const actor = ctx.actor();
      if (!mayConfigure(actor)) throw new AppError('FORBIDDEN', '只有督查室或系统管理员可以设置单位排名');
      dashboard.setRankingEnabled(enabled);
      return { enabled: dashboard.rankingEnabled() };
    },
    supervisionSettings: () => settingsView(),
    // The 黄灯 window is kept in this profile and is not synced, so it is the installation's own
    // view: whoever uses it sets it (a unit's machine could otherwise never leave the default
    // while the 督查室's machine used another window). An office-wide setting needs a synced record.
    setSupervisionSettings: (input) => {
      // Rows held by the dashboard do not depend on the window, so they stay valid.
      dashboard.unrelatedWrite(() => settings.write(input));
      return settingsView();
    },
    briefing: (period) => buildBriefing(db, period, briefingClock()),
    generateBriefing: (period) => {
      // A 通报 is issued in the 督查室's name (a leader may have one drawn up); units only read them.
      const actor = ctx.actor();
      if (actor.role === 'unit_staff') throw new AppError('FORBIDDEN', '通报由督查室生成,承办单位可在公文中查看已生成的通报');
      return { id: generateBriefing(ctx.store, period, { ...briefingClock(), now: ctx.now(), actor, ...(ctx.signing ? { signing: ctx.signing } : {}) }) };
    },
    exportBriefing: (input) => {
      if (input.from > input.to) throw new AppError('BAD_INPUT', '开始日期不能晚于结束日期');
      return exportBriefing(db, input, briefingClock());
    },
  };
}
