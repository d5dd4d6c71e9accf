import * as Y from 'yjs';
import { eventJson, RecordEvent } from '../../../core/kernel/event';
import { eventsOf } from '../../../core/records/record-doc';
import { requestReindex, type Migration } from './types';

/**
 * The record kernel (core/kernel/README.md): events leave the Y.Doc.
 *
 * - `record_events`: each record's events, `pending` (made here, not yet acknowledged by the sync
 *   server, in `local_order`), `confirmed` (with the server's per-record `seq`) or `rejected`
 *   (with the server's `reason`; kept, never reduced). `data` is the event's JSON (eventJson).
 * - The kernel's derived tables, shared by every area and written with its projection:
 *   `todo` (待办), `done` (已办), `deadlines`, `notices` (notifications); `area_schema` tracks
 *   each area's own projection migrations (the store's area migrator creates their tables).
 * - Every record's `events` Y.Array entries are copied into `record_events` as pending, in array
 *   order (the sync engine submits them; the server acknowledges an identical event again). The
 *   Y.Array stays in the docs: history cannot be rewritten, and nothing reads it any more.
 *   Entries that are not events (malformed) were never reduced; they stay only in the Y.Array.
 * - The old area projections (derived) are dropped; the areas' migrations recreate them and the
 *   next open rebuilds everything from the log and the events. `notifications_sent` stays.
 */
export const migration007: Migration = {
  version: 7,
  name: 'kernel',
  up(db) {
    db.exec(`
      CREATE TABLE record_events (
        rid INTEGER NOT NULL REFERENCES records(rid),
        event_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'rejected')),
        seq INTEGER,
        local_order INTEGER NOT NULL,
        reason TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (rid, event_id)
      ) WITHOUT ROWID;
      CREATE INDEX record_events_pending ON record_events(rid, local_order) WHERE status = 'pending';
      CREATE TABLE todo (
        rid INTEGER NOT NULL,
        audience TEXT NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        since TEXT NOT NULL,
        due TEXT,
        urgency INTEGER NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (audience, since, rid, kind, ref)
      ) WITHOUT ROWID;
      CREATE INDEX todo_by_rid ON todo(rid);
      CREATE TABLE done (
        login TEXT NOT NULL,
        at TEXT NOT NULL,
        event_id TEXT NOT NULL,
        rid INTEGER NOT NULL,
        type TEXT NOT NULL,
        -- the event's place in the record's history: orders actions made in the same instant
        ord INTEGER NOT NULL,
        PRIMARY KEY (login, at, event_id)
      ) WITHOUT ROWID;
      CREATE INDEX done_by_rid ON done(rid);
      CREATE TABLE deadlines (
        rid INTEGER NOT NULL,
        name TEXT NOT NULL,
        due TEXT NOT NULL,
        rule TEXT NOT NULL,
        done INTEGER NOT NULL,
        estimated INTEGER NOT NULL
      );
      CREATE INDEX deadlines_by_rid ON deadlines(rid);
      CREATE INDEX deadlines_by_due ON deadlines(done, due);
      CREATE TABLE notices (
        rid INTEGER NOT NULL,
        key TEXT NOT NULL,
        audience TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (audience, key)
      ) WITHOUT ROWID;
      CREATE INDEX notices_by_rid ON notices(rid);
      CREATE INDEX notices_by_at ON notices(audience, at);
      CREATE TABLE area_schema (
        kind TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      );
    `);
    moveEvents(db);
    db.exec(`
      DROP TABLE IF EXISTS supervision_units;
      DROP TABLE IF EXISTS supervision_todo;
      DROP TABLE IF EXISTS supervision_done;
      DROP TABLE IF EXISTS supervision_projects;
      DROP TABLE IF EXISTS supervision;
      DROP TABLE IF EXISTS incoming;
      DROP TABLE IF EXISTS documents;
    `);
    requestReindex(db);
  },
};

function moveEvents(db: Parameters<Migration['up']>[0]): void {
  const records = db.prepare('SELECT rid, id FROM records ORDER BY rid').all() as Array<{ rid: number; id: string }>;
  const snapshot = db.prepare('SELECT data FROM snapshots WHERE rid = ?').pluck();
  const updates = db.prepare('SELECT data FROM updates WHERE rid = ? ORDER BY seq').pluck();
  const insert = db.prepare("INSERT OR IGNORE INTO record_events(rid, event_id, status, seq, local_order, reason, data) VALUES (?, ?, 'pending', NULL, ?, NULL, ?)");
  for (const { rid, id } of records) {
    const doc = new Y.Doc({ guid: id });
    doc.transact(() => {
      const snap = snapshot.get(rid) as Buffer | undefined;
      if (snap) Y.applyUpdate(doc, snap);
      for (const update of updates.all(rid) as Buffer[]) Y.applyUpdate(doc, update);
    });
    let order = 0;
    for (const raw of eventsOf(doc).toArray()) {
      const parsed = RecordEvent.safeParse(raw);
      if (!parsed.success) continue;
      order += 1;
      insert.run(rid, parsed.data.id, order, eventJson(parsed.data));
    }
    doc.destroy();
  }
}
