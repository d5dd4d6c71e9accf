import { requestReindex, type Migration } from './types';

/**
 * List projections, written in the same transaction as each update.
 *
 * Units are a join table so that "items led by X" is an index range, not a scan over JSON. The
 * join rows repeat the sort keys and the status, and every list index ends with `rid, status`:
 * a page sorted by deadline for one unit walks one index in order and stops after 50 rows, and
 * its total is an index-only count, however many items the unit has (市工信局 leads most).
 * `deadline_key` puts items without a deadline last in ascending order and stays indexable.
 * There is no index on `supervision_units(rid)`: a rewrite deletes the old rows by primary key,
 * using the unit lists kept in the `supervision` row.
 */
export const migration002: Migration = {
  version: 2,
  name: 'projections',
  up(db) {
    db.exec(`
      CREATE TABLE supervision (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        id TEXT NOT NULL,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        section TEXT NOT NULL,
        subsection TEXT NOT NULL,
        ord INTEGER NOT NULL,
        lead TEXT NOT NULL,
        responsible TEXT NOT NULL,
        deadline TEXT,
        deadline_key TEXT NOT NULL,
        status TEXT NOT NULL,
        conflict INTEGER NOT NULL,
        progress_note TEXT NOT NULL,
        source_id TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX supervision_by_order ON supervision(ord, rid, status);
      CREATE INDEX supervision_by_deadline ON supervision(deadline_key, ord, rid, status);
      CREATE INDEX supervision_by_updated ON supervision(updated_at, rid, status);
      CREATE INDEX supervision_by_section ON supervision(section, status, ord);
      CREATE INDEX supervision_by_status ON supervision(status);
      CREATE INDEX supervision_by_source ON supervision(source_id);
      CREATE TABLE supervision_units (
        role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
        unit TEXT NOT NULL,
        rid INTEGER NOT NULL,
        status TEXT NOT NULL,
        ord INTEGER NOT NULL,
        deadline_key TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (role, unit, rid)
      ) WITHOUT ROWID;
      CREATE INDEX supervision_units_by_order ON supervision_units(role, unit, ord, rid, status);
      CREATE INDEX supervision_units_by_deadline ON supervision_units(role, unit, deadline_key, ord, rid, status);
      CREATE INDEX supervision_units_by_updated ON supervision_units(role, unit, updated_at, rid, status);
      CREATE TABLE incoming (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        issuer TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        written_date TEXT,
        received_at TEXT NOT NULL
      );
      CREATE INDEX incoming_by_received ON incoming(received_at);
    `);
    requestReindex(db);
  },
};
