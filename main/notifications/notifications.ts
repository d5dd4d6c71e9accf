import type { Database, Statement } from 'better-sqlite3';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Actor } from '../../core/kernel/actor';
import { audiencesOf, shownBy } from '../../core/kernel/audience';
import { statementCache } from '../store/statements';

/**
 * Desktop/browser notifications of every area, never stored as events: the store's `notices`
 * (each area's `notifications()`, derived with its projection in the same transaction) whose
 * date has come, plus what an area computes when asked (`extra`, e.g. 督办's 临近时限, which
 * depends on today and the 黄灯 window).
 *
 * Keys are built by the areas from event ids and dates, the same on every replica. Each key
 * offered is recorded in `notifications_sent` per login once the renderer has shown it (`ack`);
 * a later sync, a rebuild or a restart derives the same keys, which are filtered out.
 */

/** At most this many are offered at once (the renderer summarises the rest). */
const LIMIT = 100;

type NoticeRow = { key: string; kind: string; title: string; body: string; at: string; id: string; record_kind: string };

export class Notifications {
  private readonly stmt: (sql: string) => Statement;

  constructor(private readonly db: Database) {
    this.stmt = statementCache(db);
  }

  /** What `actor` has not been notified of yet on `today`, oldest first, then `extra`. */
  pending(actor: Actor, today: string, extra: readonly AppNotification[] = []): AppNotification[] {
    const audiences = audiencesOf(actor);
    const rows = this.stmt(
      `SELECT n.key, n.kind, n.title, n.body, n.at, r.id, r.kind AS record_kind
       FROM notices n CROSS JOIN records r ON r.rid = n.rid
       WHERE n.audience IN (${audiences.map(() => '?').join(',')}) AND n.at < ?
       ORDER BY n.at, n.rid`,
    ).all(...audiences, shownBy(today)) as NoticeRow[];
    const out: AppNotification[] = rows.map((n) => ({ key: n.key, kind: n.kind, title: n.title, body: n.body, itemId: n.id, recordKind: n.record_kind, since: n.at }));
    out.push(...extra);
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

  /**
   * 消息: what `actor` was notified of (or is due to be), newest first, whether already shown or
   * not, so a notification that popped up and vanished can be found again.
   */
  recent(actor: Actor, today: string, extra: readonly AppNotification[] = [], limit = LIMIT): Array<AppNotification & { seen: boolean }> {
    const audiences = audiencesOf(actor);
    const rows = this.stmt(
      `SELECT n.key, n.kind, n.title, n.body, n.at, r.id, r.kind AS record_kind
       FROM notices n CROSS JOIN records r ON r.rid = n.rid
       WHERE n.audience IN (${audiences.map(() => '?').join(',')}) AND n.at < ?
       ORDER BY n.at DESC, n.rid DESC LIMIT ?`,
    ).all(...audiences, shownBy(today), limit) as NoticeRow[];
    const sent = this.stmt('SELECT 1 FROM notifications_sent WHERE login = ? AND key = ?');
    const seen = new Set<string>();
    const all: AppNotification[] = [...extra, ...rows.map((n) => ({ key: n.key, kind: n.kind, title: n.title, body: n.body, itemId: n.id, recordKind: n.record_kind, since: n.at }))];
    return all
      .filter((n) => !seen.has(n.key) && Boolean(seen.add(n.key)))
      .sort((a, b) => (a.since < b.since ? 1 : a.since > b.since ? -1 : 0))
      .slice(0, limit)
      .map((n) => ({ ...n, seen: sent.get(actor.login, n.key) !== undefined }));
  }

  /** Records the keys as delivered to `login`; returns how many were new. */
  ack(login: string, keys: readonly string[], at: string): number {
    const insert = this.stmt('INSERT OR IGNORE INTO notifications_sent(login, key, at) VALUES (?, ?, ?)');
    return this.db.transaction(() => keys.reduce((n, key) => n + insert.run(login, key, at).changes, 0))();
  }
}
