import type { Migration } from './types';

/**
 * Notifications already delivered (main/notifications): one row per person and idempotent key.
 * Not derived data: it is not cleared by a rebuild, so a re-sync or `oa rebuild-index` never
 * sends a notification twice. No `rid` column: removing a record leaves its keys, which are
 * never offered again anyway.
 */
export const migration005: Migration = {
  version: 5,
  name: 'notifications',
  up(db) {
    db.exec(`
      CREATE TABLE notifications_sent (
        login TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (login, key)
      ) WITHOUT ROWID;
    `);
  },
};
