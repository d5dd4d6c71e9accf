import type { Row } from '../kernel/area';
import type { SupervisionAnalysis } from './projection';
import { rowOf } from './projection';

/** Sorts after every real date, so items without a deadline come last in ascending order. */
export const NO_DEADLINE_KEY = '9999-12-31';

/**
 * The 督办 list projection's tables, as the area's own migrations (run by the store's area
 * migrator, tracked in `area_schema`). Version 1 creates exactly the tables and indexes the
 * store's migrations 2 and 4 made before the kernel (so the list queries keep their plans), plus
 * `supervision_units_by_rid`: the store deletes a record's rows by `rid`, which the old projector
 * did by primary key from the unit lists it kept.
 *
 * Units are a join table so that "items led by X" is an index range, not a scan over JSON. The
 * join rows repeat the sort keys and the status, and every list index ends with `rid, status`: a
 * page sorted by deadline for one unit walks one index in order and stops after 50 rows.
 * `deadline_key` is the deadline assessed (approved extension, else the original), and with
 * `ack_key`, `report_key`, `milestone_key` ('9999-12-31' = none) the inputs of the light, which
 * depends on today and so is computed by the query (main/supervision/list-query.ts).
 */
export const SUPERVISION_MIGRATIONS: readonly string[] = [
  `CREATE TABLE supervision (
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
    updated_at TEXT NOT NULL,
    deadline_phrase TEXT NOT NULL DEFAULT '',
    extended_deadline TEXT,
    extension_pending INTEGER NOT NULL DEFAULT 0,
    ack_key TEXT NOT NULL DEFAULT '${NO_DEADLINE_KEY}',
    report_key TEXT NOT NULL DEFAULT '${NO_DEADLINE_KEY}',
    milestone_key TEXT NOT NULL DEFAULT '${NO_DEADLINE_KEY}',
    milestone_id TEXT NOT NULL DEFAULT '',
    milestone_title TEXT NOT NULL DEFAULT '',
    completed_at TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    progress INTEGER NOT NULL DEFAULT 0,
    parent_id TEXT
  );
  CREATE INDEX supervision_by_order ON supervision(ord, rid, status);
  CREATE INDEX supervision_by_deadline ON supervision(deadline_key, ord, rid, status);
  CREATE INDEX supervision_by_updated ON supervision(updated_at, rid, status);
  CREATE INDEX supervision_by_section ON supervision(section, status, ord);
  CREATE INDEX supervision_by_status ON supervision(status);
  CREATE INDEX supervision_by_source ON supervision(source_id);
  CREATE INDEX supervision_by_parent ON supervision(parent_id);
  CREATE INDEX supervision_by_light ON supervision(done, deadline_key);
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
  CREATE INDEX supervision_units_by_rid ON supervision_units(rid);
  CREATE TABLE supervision_projects (
    rid INTEGER PRIMARY KEY REFERENCES records(rid),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    source_kind TEXT,
    source_id TEXT,
    source_label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );`,
  // Version 2 (issue 10) changes no table, only how rows are derived: units filed under their
  // directory name (市工信局 → 市工信局(大数据局)), the deadline set by 设定时限, progress as
  // reported after 办结 and the search text. A step asks the store to rebuild the rows from the log.
  `SELECT 1;`,
];

export const SUPERVISION_TABLES = ['supervision', 'supervision_units', 'supervision_projects'] as const;

/** A task's list row (with its units), or a 立项's row; the store adds `rid` and replaces the record's rows. */
export function supervisionRows(id: string, analysis: SupervisionAnalysis): Record<string, Row[]> {
  const row = rowOf(id, analysis);
  if (row.level === 'project') {
    return {
      supervision: [],
      supervision_units: [],
      supervision_projects: [
        {
          id,
          title: row.title,
          source_kind: row.sourceKind,
          source_id: row.sourceId,
          source_label: row.sourceLabel,
          created_at: row.createdAt,
          updated_at: row.updatedAt,
        },
      ],
    };
  }
  const light = analysis.schedule;
  const deadlineKey = light.extendedDeadline ?? row.deadline ?? NO_DEADLINE_KEY;
  const task: Row = {
    id,
    code: row.code,
    title: row.title,
    section: row.section,
    subsection: row.subsection,
    ord: row.order,
    lead: JSON.stringify(row.lead),
    responsible: JSON.stringify(row.responsible),
    deadline: row.deadline,
    deadline_key: deadlineKey,
    status: row.status,
    conflict: row.conflict ? 1 : 0,
    progress_note: row.progressNote,
    source_id: row.sourceId,
    updated_at: row.updatedAt,
    deadline_phrase: row.deadlinePhrase,
    extended_deadline: light.extendedDeadline,
    extension_pending: light.extensionPending ? 1 : 0,
    ack_key: light.acknowledgeBy ?? NO_DEADLINE_KEY,
    report_key: light.nextReportDue ?? NO_DEADLINE_KEY,
    milestone_key: light.milestoneDue?.date ?? NO_DEADLINE_KEY,
    milestone_id: light.milestoneDue?.id ?? '',
    milestone_title: light.milestoneDue?.title ?? '',
    completed_at: light.completedAt,
    done: light.completedAt ? 1 : 0,
    progress: row.progress,
    parent_id: row.parentId,
  };
  const units: Row[] = [];
  const seen = new Set<string>();
  for (const [role, list] of [['lead', row.lead], ['responsible', row.responsible]] as const) {
    for (const unit of list) {
      // One row per (role, unit): a unit named twice in one list is one join row.
      if (seen.has(`${role}\n${unit}`)) continue;
      seen.add(`${role}\n${unit}`);
      units.push({ role, unit, status: row.status, ord: row.order, deadline_key: deadlineKey, updated_at: row.updatedAt });
    }
  }
  return { supervision: [task], supervision_units: units, supervision_projects: [] };
}
