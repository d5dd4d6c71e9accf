import { requestReindex, type Migration } from './types';

/**
 * The 督办 lifecycle (issue 5): the inputs of the status light, progress and the 分解 tree on the
 * list row, the 立项 records, and per-person 待办/已办.
 *
 * The light depends on today, so it is not stored: the row keeps the dates it is computed from
 * (`deadline_key` is now the deadline assessed, i.e. an approved extension else the original;
 * `ack_key`, `report_key`, `milestone_key` are the earliest 签收 limit, report due date and open
 * milestone, '9999-12-31' when none) and the query compares them with today. A day change costs
 * nothing. `done` = 1 once 办结 is accepted. `supervision_by_light` serves the red filter
 * (done = 0 AND deadline_key < today) as one index range.
 *
 * `supervision_todo` holds what each item waits for and from whom (audience = role:… or unit:…),
 * from `since` on; `supervision_done` one row per applied event by login (已办). All derived:
 * the migration asks for a rebuild from the log.
 */
export const migration004: Migration = {
  version: 4,
  name: 'lifecycle',
  up(db) {
    const none = "'9999-12-31'";
    db.exec(`
      ALTER TABLE supervision ADD COLUMN deadline_phrase TEXT NOT NULL DEFAULT '';
      ALTER TABLE supervision ADD COLUMN extended_deadline TEXT;
      ALTER TABLE supervision ADD COLUMN extension_pending INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE supervision ADD COLUMN ack_key TEXT NOT NULL DEFAULT ${none};
      ALTER TABLE supervision ADD COLUMN report_key TEXT NOT NULL DEFAULT ${none};
      ALTER TABLE supervision ADD COLUMN milestone_key TEXT NOT NULL DEFAULT ${none};
      ALTER TABLE supervision ADD COLUMN milestone_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE supervision ADD COLUMN milestone_title TEXT NOT NULL DEFAULT '';
      ALTER TABLE supervision ADD COLUMN completed_at TEXT;
      ALTER TABLE supervision ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE supervision ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE supervision ADD COLUMN parent_id TEXT;
      CREATE INDEX supervision_by_parent ON supervision(parent_id);
      CREATE INDEX supervision_by_light ON supervision(done, deadline_key);
      CREATE TABLE supervision_projects (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        source_kind TEXT,
        source_id TEXT,
        source_label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE supervision_todo (
        audience TEXT NOT NULL,
        since TEXT NOT NULL,
        rid INTEGER NOT NULL,
        kind TEXT NOT NULL,
        due TEXT,
        ref TEXT NOT NULL,
        PRIMARY KEY (audience, since, rid, kind, ref)
      ) WITHOUT ROWID;
      CREATE INDEX supervision_todo_by_rid ON supervision_todo(rid);
      CREATE TABLE supervision_done (
        login TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        rid INTEGER NOT NULL,
        type TEXT NOT NULL,
        PRIMARY KEY (login, at, event_id)
      ) WITHOUT ROWID;
      CREATE INDEX supervision_done_by_rid ON supervision_done(rid);
    `);
    requestReindex(db);
  },
};
