import type { Database, Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import { projectSupervision, type SupervisionProjection } from '../../core/supervision/projection';
import type { Projector, SearchTexts } from '../store/projector';

/** Sorts after every real date, so items without a deadline come last in ascending order. */
export const NO_DEADLINE_KEY = '9999-12-31';

type Row = Record<string, string | number | null>;

/**
 * Writes the 督办 projection of one record: a task's list row with its units, a 立项's row in
 * supervision_projects, and both's 待办/已办 rows. Every write replaces the record's rows.
 */
export function supervisionProjector(db: Database): Projector {
  const upsertTask: Statement<[Row]> = db.prepare(`
    INSERT OR REPLACE INTO supervision(rid, id, code, title, section, subsection, ord, lead, responsible,
      deadline, deadline_key, status, conflict, progress_note, source_id, updated_at, deadline_phrase,
      extended_deadline, extension_pending, ack_key, report_key, milestone_key, milestone_id, milestone_title,
      completed_at, done, progress, parent_id)
    VALUES (@rid, @id, @code, @title, @section, @subsection, @ord, @lead, @responsible,
      @deadline, @deadline_key, @status, @conflict, @progress_note, @source_id, @updated_at, @deadline_phrase,
      @extended_deadline, @extension_pending, @ack_key, @report_key, @milestone_key, @milestone_id, @milestone_title,
      @completed_at, @done, @progress, @parent_id)`);
  const upsertProject: Statement<[Row]> = db.prepare(`
    INSERT OR REPLACE INTO supervision_projects(rid, id, title, source_kind, source_id, source_label, created_at, updated_at)
    VALUES (@rid, @id, @title, @source_kind, @source_id, @source_label, @created_at, @updated_at)`);
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
  const removeTask = db.prepare<[number]>('DELETE FROM supervision WHERE rid = ?');
  const removeProject = db.prepare<[number]>('DELETE FROM supervision_projects WHERE rid = ?');
  const removeTodos = db.prepare<[number]>('DELETE FROM supervision_todo WHERE rid = ?');
  const addTodo = db.prepare<[string, string, number, string, string | null, string]>(
    'INSERT OR IGNORE INTO supervision_todo(audience, since, rid, kind, due, ref) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const removeDone = db.prepare<[number]>('DELETE FROM supervision_done WHERE rid = ?');
  const addDone = db.prepare<[string, string, string, number, string]>(
    'INSERT OR IGNORE INTO supervision_done(login, at, event_id, rid, type) VALUES (?, ?, ?, ?, ?)',
  );

  /** The old row's unit lists name exactly the join rows written with it. */
  const removeUnits = (rid: number) => {
    const old = previous.get(rid);
    if (!old) return;
    for (const unit of JSON.parse(old.lead) as string[]) removeUnit.run('lead', unit, rid);
    for (const unit of JSON.parse(old.responsible) as string[]) removeUnit.run('responsible', unit, rid);
  };

  const writeTask = (rid: number, p: SupervisionProjection) => {
    const { row, light } = p;
    const deadlineKey = (light.extendedDeadline ?? row.deadline) ?? NO_DEADLINE_KEY;
    upsertTask.run({
      rid,
      id: row.id,
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
    });
    for (const [role, units] of [['lead', row.lead], ['responsible', row.responsible]] as const) {
      for (const unit of units) addUnit.run(role, unit, rid, row.status, row.order, deadlineKey, row.updatedAt);
    }
  };

  return {
    kind: 'supervision',
    write(rid: number, id: string, doc: Y.Doc): SearchTexts {
      const projection = projectSupervision(id, doc);
      const { row } = projection;
      removeUnits(rid);
      removeTodos.run(rid);
      removeDone.run(rid);
      if (row.level === 'project') {
        removeTask.run(rid);
        upsertProject.run({
          rid,
          id: row.id,
          title: row.title,
          source_kind: row.sourceKind,
          source_id: row.sourceId,
          source_label: row.sourceLabel,
          created_at: row.createdAt,
          updated_at: row.updatedAt,
        });
      } else {
        removeProject.run(rid);
        writeTask(rid, projection);
      }
      for (const t of projection.todos) addTodo.run(t.audience, t.since, rid, t.kind, t.due, t.ref);
      for (const d of projection.done) addDone.run(d.login, d.at, d.eventId, rid, d.type);
      return projection.search;
    },
    clear() {
      db.exec(`DELETE FROM supervision_units; DELETE FROM supervision; DELETE FROM supervision_projects;
        DELETE FROM supervision_todo; DELETE FROM supervision_done;`);
    },
  };
}
