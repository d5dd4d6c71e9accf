import type { Database, Statement } from 'better-sqlite3';
import type { AppNotification, NotificationKind } from '../../core/ipc/dashboard';
import { NOTIFICATION_LABEL } from '../../core/ipc/dashboard';
import type { Actor } from '../../core/supervision/actor';
import { lightThresholds } from '../../core/supervision/item-light';
import { roleAudience, unitAudience } from '../../core/supervision/todo';

/**
 * Desktop/browser notifications, derived from what the 督办 projection already knows — the 待办
 * rows (core/supervision/todo.ts) and the dates behind the light — never stored as events:
 *
 * | kind | from | key |
 * |---|---|---|
 * | assignment 新交办 | 待签收 todo of my unit | `assign:<item>:<unit>:<assigned day>` |
 * | urge 催办 | 催办通知待阅 todo of my unit | `urge:<urge event>:<unit>` |
 * | report_returned 退回 | 进展反馈被退回 todo | `report-returned:<report event>:<unit>` |
 * | due_soon 临近时限 | my unit's open items due within the warning window | `<item>:due-soon:<deadline>` (= reminders.ts) |
 * | review / extension | the 督查室's 待审核 / 待审批 todo | `review:<request event>`, `extension:<request event>` |
 *
 * Event ids and dates are the same on every replica, so the keys are too. Each key offered is
 * recorded in `notifications_sent` per login once the renderer has shown it (`ack`); a later
 * sync, a rebuild of the projection or a restart derives the same keys, which are filtered out.
 */

const TODO_KINDS: Record<string, NotificationKind> = {
  acknowledge: 'assignment',
  urge: 'urge',
  report_returned: 'report_returned',
  review: 'review',
  extension: 'extension',
};

export interface NotifyClock {
  today: string;
  warnWorkingDays: number;
}

/** At most this many are offered at once (the renderer summarises the rest). */
const LIMIT = 100;

type TodoRow = { audience: string; kind: string; since: string; due: string | null; ref: string; id: string; code: string; title: string };

export class Notifications {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /** What `actor` has not been notified of yet, oldest first. */
  pending(actor: Actor, clock: NotifyClock): AppNotification[] {
    const audiences = [roleAudience(actor.role), ...(actor.role === 'unit_staff' ? [unitAudience(actor.unit)] : [])];
    const placeholders = audiences.map(() => '?').join(',');
    const kinds = Object.keys(TODO_KINDS);
    const todos = this.stmt(
      `SELECT t.audience, t.kind, t.since, t.due, t.ref, s.id, s.code, s.title
       FROM supervision_todo t CROSS JOIN supervision s ON s.rid = t.rid
       WHERE t.audience IN (${placeholders}) AND t.since <= ? AND t.kind IN (${kinds.map(() => '?').join(',')})
       ORDER BY t.since, s.ord`,
    ).all(...audiences, clock.today, ...kinds) as TodoRow[];
    const out: AppNotification[] = [];
    for (const t of todos) {
      const kind = TODO_KINDS[t.kind];
      if (!kind) continue;
      const unit = t.audience.startsWith('unit:') ? t.audience.slice(5) : '';
      const key =
        kind === 'assignment'
          ? `assign:${t.id}:${unit}:${t.since}`
          : kind === 'urge' || kind === 'report_returned'
            ? `${kind === 'urge' ? 'urge' : 'report-returned'}:${t.ref}:${unit}`
            : `${kind}:${t.ref}`;
      const detail =
        kind === 'assignment' && t.due ? `请于 ${t.due} 前签收` : kind === 'urge' ? '请及时阅知并办理' : kind === 'report_returned' ? '请修改后重新报送' : '';
      out.push({ key, kind, title: `${NOTIFICATION_LABEL[kind]}:${t.title}`, body: [t.code, detail].filter(Boolean).join(' '), itemId: t.id, since: t.since });
    }
    if (actor.role === 'unit_staff') {
      const { warnBefore } = lightThresholds(clock.today, { warnWorkingDays: clock.warnWorkingDays });
      const due = this.stmt(
        `SELECT DISTINCT s.id, s.code, s.title, s.deadline_key, s.ord FROM supervision_units u CROSS JOIN supervision s ON s.rid = u.rid
         WHERE u.role IN ('lead', 'responsible') AND u.unit = ? AND u.status IN ('in_progress', 'review')
           AND u.deadline_key >= ? AND u.deadline_key < ? AND s.done = 0
         ORDER BY s.deadline_key, s.ord`,
      ).all(actor.unit, clock.today, warnBefore) as Array<{ id: string; code: string; title: string; deadline_key: string }>;
      for (const d of due) {
        out.push({
          key: `${d.id}:due-soon:${d.deadline_key}`,
          kind: 'due_soon',
          title: `${NOTIFICATION_LABEL.due_soon}:${d.title}`,
          body: `${d.code ? `${d.code} ` : ''}完成时限 ${d.deadline_key}`,
          itemId: d.id,
          since: clock.today,
        });
      }
    }
    const sent = this.stmt('SELECT 1 FROM notifications_sent WHERE login = ? AND key = ?');
    const seen = new Set<string>();
    return out
      .filter((n) => {
        if (seen.has(n.key)) return false;
        seen.add(n.key);
        return sent.get(actor.login, n.key) === undefined;
      })
      .slice(0, LIMIT);
  }

  /** Records the keys as delivered to `login`; returns how many were new. */
  ack(login: string, keys: readonly string[], at: string): number {
    const insert = this.stmt('INSERT OR IGNORE INTO notifications_sent(login, key, at) VALUES (?, ?, ?)');
    return this.db.transaction(() => keys.reduce((n, key) => n + insert.run(login, key, at).changes, 0))();
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
