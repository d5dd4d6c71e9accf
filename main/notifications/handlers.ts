import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import type { Actor } from '../../core/supervision/actor';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { Store } from '../store/store';
import { Notifications } from './notifications';

export interface NotificationContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  /** The 黄灯 window (督办设置), read per request. */
  warnWorkingDays?: () => number;
}

export function notificationHandlers(ctx: NotificationContext): Handlers['notifications'] {
  const center = new Notifications(ctx.store.supervision.database);
  return {
    pending: () => ({
      notifications: center.pending(ctx.actor(), {
        today: beijingDate(ctx.now()),
        warnWorkingDays: ctx.warnWorkingDays?.() ?? DEFAULT_WARN_WORKING_DAYS,
      }),
    }),
    ack: ({ keys }) => ({ acked: center.ack(ctx.actor().login, keys, ctx.now().toISOString()) }),
  };
}
