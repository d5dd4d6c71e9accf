import type { Database } from 'better-sqlite3';
import type { AreaContext, AreaModule } from '../kernel/module';
import type { Store } from '../store/store';
import { dashboardHandlers } from './dashboard-handlers';
import { dueSoonNotices } from './due-soon';
import { supervisionHandlers } from './handlers';
import { supervisionRepo } from './repository';
import { SupervisionSettingsStore } from './settings';

export type SupervisionModuleContext = AreaContext;

/** 督办设置 of the profile, one reader per store (it reports an unreadable stored value once). */
const makeSettings = (_db: Database, s: Store) => new SupervisionSettingsStore(s);

/** 督查督办's main side: 督办 methods, 一屏通览/通报, 通讯录 (the units of the items), 临近时限 notices. */
export const supervisionModule: AreaModule<SupervisionModuleContext> = {
  handlers(ctx) {
    const settings = ctx.store.use(makeSettings);
    return {
      supervision: supervisionHandlers({ ...ctx, warnWorkingDays: () => settings.warnWorkingDays() }),
      dashboard: dashboardHandlers({ ...ctx, settings }),
      directory: { list: () => supervisionRepo(ctx.store).units() },
    };
  },
  notices: (ctx, actor, today) => dueSoonNotices(ctx.store, actor, today, ctx.store.use(makeSettings).warnWorkingDays()),
};
