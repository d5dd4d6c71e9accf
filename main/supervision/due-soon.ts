import type { Database, Statement } from 'better-sqlite3';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Actor } from '../../core/kernel/actor';
import { lightThresholds } from '../../core/supervision/item-light';
import type { Store } from '../store/store';

/**
 * 临近完成时限: a unit's open items whose deadline falls within the 黄灯 window (督办设置), for
 * the unit's staff. It depends on today and on the installation's setting, so it is computed when
 * asked, not stored with the projection; its key is the automatic reminder's (reminders.ts),
 * `<item>:due-soon:<deadline>`, so each deadline is notified once.
 */
class DueSoon {
  private readonly query: Statement<[string, string, string], { id: string; code: string; title: string; deadline_key: string }>;

  constructor(db: Database) {
    this.query = db.prepare(
      `SELECT DISTINCT s.id, s.code, s.title, s.deadline_key, s.ord FROM supervision_units u CROSS JOIN supervision s ON s.rid = u.rid
       WHERE u.role IN ('lead', 'responsible') AND u.unit = ? AND u.status IN ('in_progress', 'review')
         AND u.deadline_key >= ? AND u.deadline_key < ? AND s.done = 0
       ORDER BY s.deadline_key, s.ord`,
    );
  }

  notices(actor: Actor, today: string, warnWorkingDays: number): AppNotification[] {
    if (actor.role !== 'unit_staff') return [];
    const { warnBefore } = lightThresholds(today, { warnWorkingDays });
    return this.query.all(actor.unit, today, warnBefore).map((d) => ({
      key: `${d.id}:due-soon:${d.deadline_key}`,
      kind: 'due_soon',
      title: `临近完成时限:${d.title}`,
      body: `${d.code ? `${d.code} ` : ''}完成时限 ${d.deadline_key}`,
      itemId: d.id,
      recordKind: 'supervision',
      since: today,
    }));
  }
}

const make = (db: Database) => new DueSoon(db);

export const dueSoonNotices = (store: Store, actor: Actor, today: string, warnWorkingDays: number): AppNotification[] =>
  store.use(make).notices(actor, today, warnWorkingDays);
