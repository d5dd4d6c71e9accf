import { readLegacyRecord } from './legacy-record';
import { nextSeq, type SqlDb } from './sql';

/**
 * Schema 2: workflow events leave the Y.Doc (core/kernel/README.md).
 * - `events(doc_id, seq, gseq, event_id, data)`: each record's events, `seq` its own order
 *   (1, 2, …), `gseq` the server-wide sequence (the changes feed's position), `data` the event's
 *   canonical JSON; an event id is taken once per record.
 * - `docs.kind`: set by the record's `create` event (NULL: no record has been created under the
 *   name); `docs.creator_units`: the creator's unit, an owner of the record for good.
 * - `docs.content_owners` becomes `event_owners`: units the area's `access(state)` names, from
 *   events (fields no longer grant access).
 *
 * Existing data: every document that holds content predates the kernel. Its kind is its
 * `fields.kind` ('' if none), and its `events` Y.Array entries become its events, in array order,
 * each with the next feed sequence number (so every client is sent them once). Entries that are
 * not well-formed events stay only in the Y.Doc, which is not touched. Owners derived from fields
 * are kept until the server re-derives them from events at its next start (meta
 * `event_owners_pending`), since that needs the areas' rules.
 */
export function migrateTo2(db: SqlDb): void {
  db.exec(`
ALTER TABLE docs ADD COLUMN kind TEXT;
ALTER TABLE docs ADD COLUMN creator_units TEXT NOT NULL DEFAULT '[]';
ALTER TABLE docs RENAME COLUMN content_owners TO event_owners;
CREATE TABLE events (
  doc_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  gseq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq),
  UNIQUE (doc_id, event_id)
);
CREATE INDEX events_gseq ON events (doc_id, gseq);
`);
  const docs = db.prepare('SELECT id FROM docs ORDER BY id').all() as { id: number }[];
  const snapshot = db.prepare('SELECT seq, data FROM snapshots WHERE doc_id = ?');
  const tail = db.prepare('SELECT data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq');
  const setKind = db.prepare('UPDATE docs SET kind = ? WHERE id = ?');
  const insert = db.prepare('INSERT INTO events (doc_id, seq, gseq, event_id, data) VALUES (?, ?, ?, ?, ?)');
  const touch = db.prepare('UPDATE docs SET change_seq = MAX(change_seq, ?) WHERE id = ?');
  let legacy = 0;
  let skipped = 0;
  for (const { id } of docs) {
    const snap = snapshot.get(id) as { seq: number; data: Uint8Array } | undefined;
    const rows = tail.all(id, snap?.seq ?? 0) as { data: Uint8Array }[];
    if (!snap && rows.length === 0) continue; // a name with grants or owners only: no record yet
    const record = readLegacyRecord([...(snap ? [snap.data] : []), ...rows.map((r) => r.data)]);
    legacy++;
    skipped += record.skipped;
    setKind.run(record.kind, id);
    let gseq = 0;
    record.events.forEach((event, i) => {
      gseq = nextSeq(db);
      insert.run(id, i + 1, gseq, event.id, event.text);
    });
    if (gseq > 0) touch.run(gseq, id);
  }
  if (legacy > 0) db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('event_owners_pending', '1')`).run();
  if (skipped > 0) db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('migration_2_skipped_entries', ?)`).run(String(skipped));
}
