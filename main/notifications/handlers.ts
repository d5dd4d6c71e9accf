import type { Database } from 'better-sqlite3';
import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Actor } from '../../core/kernel/actor';
import type { Store } from '../store/store';
import { Notifications } from './notifications';

export interface NotificationContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  /** Notifications areas compute when asked (main/areas.ts modules' `notices`), for `actor` on `today`. */
  extra?: (actor: Actor, today: string) => AppNotification[];
}

const center = (db: Database) => new Notifications(db);

export function notificationHandlers(ctx: NotificationContext): Handlers['notifications'] {
  const notifications = ctx.store.use(center);
  return {
    pending: () => {
      const actor = ctx.actor();
      const today = beijingDate(ctx.now());
      return { notifications: notifications.pending(actor, today, ctx.extra?.(actor, today) ?? []) };
    },
    recent: () => {
      const actor = ctx.actor();
      const today = beijingDate(ctx.now());
      return { notifications: notifications.recent(actor, today, ctx.extra?.(actor, today) ?? []) };
    },
    ack: ({ keys }) => ({ acked: notifications.ack(ctx.actor().login, keys, ctx.now().toISOString()) }),
  };
}
