import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/supervision/actor';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { Store } from '../store/store';
import { buildBriefing, exportBriefing, generateBriefing } from './briefing';
import { SupervisionDashboard } from './dashboard';

export interface DashboardContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  warnWorkingDays?: number;
}

/** 一屏通览 and 通报: read-only over the local projection, so they work offline. */
export function dashboardHandlers(ctx: DashboardContext): Handlers['dashboard'] {
  const db = ctx.store.supervision.database;
  const dashboard = new SupervisionDashboard(db);
  const clock = () => ({ today: beijingDate(ctx.now()), warnWorkingDays: ctx.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS });
  return {
    get: (query) => dashboard.view(query, clock()),
    ranking: () => ({ enabled: dashboard.rankingEnabled() }),
    setRanking: ({ enabled }) => {
      const actor = ctx.actor();
      if (actor.role !== 'supervisor' && actor.role !== 'admin') throw new AppError('BAD_INPUT', '只有督查室或管理员可以设置单位排名');
      dashboard.setRankingEnabled(enabled);
      return { enabled: dashboard.rankingEnabled() };
    },
    briefing: (period) => buildBriefing(db, period, clock()),
    generateBriefing: (period) => ({ id: generateBriefing(ctx.store, period, { ...clock(), now: ctx.now() }) }),
    exportBriefing: (input) => {
      if (input.from > input.to) throw new AppError('BAD_INPUT', '开始日期不能晚于结束日期');
      return exportBriefing(db, input, clock());
    },
  };
}
