import type { Database, Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import { projectSupervision } from '../../core/supervision/projection';
import type { Projector, SearchTexts } from '../store/projector';

/** Sorts after every real date, so items without a deadline come last in ascending order. */
export const NO_DEADLINE_KEY = '9999-12-31';

type RowParams = [
  number, string, string, string, string, string, number, string, string, string | null, string, string, number,
  string, string | null, string,
];

/** Writes the 督办 list projection: one row per item plus its units in the join table. */
export function supervisionProjector(db: Database): Projector {
  const upsert: Statement<RowParams> = db.prepare(`
    INSERT OR REPLACE INTO supervision(rid, id, code, title, section, subsection, ord, lead, responsible,
      deadline, deadline_key, status, conflict, progress_note, source_id, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const previous: Statement<[number], { lead: string; responsible: string }> = db.prepare(
    'SELECT lead, responsible FROM supervision WHERE rid = ?',
  );
  const removeUnit: Statement<[string, string, number]> = db.prepare(
    'DELETE FROM supervision_units WHERE role = ? AND unit = ? AND rid = ?',
  );
  const addUnit: Statement<[string, string, number, string, number, string, string]> = db.prepare(
    `INSERT OR IGNORE INTO supervision_units(role, unit, rid, status, ord, deadline_key, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    kind: 'supervision',
    write(rid: number, id: string, doc: Y.Doc): SearchTexts {
      const { row, search } = projectSupervision(id, doc);
      const deadlineKey = row.deadline ?? NO_DEADLINE_KEY;
      // The old row's unit lists name exactly the join rows written with it.
      const old = previous.get(rid);
      if (old) {
        for (const unit of JSON.parse(old.lead) as string[]) removeUnit.run('lead', unit, rid);
        for (const unit of JSON.parse(old.responsible) as string[]) removeUnit.run('responsible', unit, rid);
      }
      upsert.run(
        rid,
        row.id,
        row.code,
        row.title,
        row.section,
        row.subsection,
        row.order,
        JSON.stringify(row.lead),
        JSON.stringify(row.responsible),
        row.deadline,
        deadlineKey,
        row.status,
        row.conflict ? 1 : 0,
        row.progressNote,
        row.sourceId,
        row.updatedAt,
      );
      for (const [role, units] of [['lead', row.lead], ['responsible', row.responsible]] as const) {
        for (const unit of units) addUnit.run(role, unit, rid, row.status, row.order, deadlineKey, row.updatedAt);
      }
      return search;
    },
    clear() {
      db.exec('DELETE FROM supervision_units; DELETE FROM supervision;');
    },
  };
}
