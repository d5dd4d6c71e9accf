import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { SupervisionPatch } from '../../../../core/supervision/model';

/** A 节点目标 as edited (id kept for existing ones, so reports that reached it still match). */
export interface MilestoneValue {
  id?: string;
  title: string;
  date: string;
}

/** What the edit form holds (deadline already as 'YYYY-MM-DD' or null). */
export interface EditValues {
  title: string;
  lead: string[];
  responsible: string[];
  deadline: string | null;
  milestones?: MilestoneValue[];
  progressNote: string;
  body: string;
}

export const editValuesOf = (d: SupervisionDetail): EditValues => ({
  title: d.title,
  lead: d.lead,
  responsible: d.responsible,
  deadline: d.deadline,
  milestones: d.milestones.map(({ id, title, date }) => ({ id, title, date })),
  progressNote: d.progressNote,
  body: d.body,
});

/** Trimmed, without empties and duplicates, in the order typed. */
export function cleanUnits(units: readonly string[]): string[] {
  return [...new Set(units.map((u) => u.trim()).filter((u) => u !== ''))];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Only the fields the user changed: records merge field by field, so sending unchanged
 * fields could overwrite someone else's concurrent edit of them.
 */
export function diffPatch(before: EditValues, after: EditValues): SupervisionPatch {
  const patch: SupervisionPatch = {};
  const title = after.title.trim();
  if (title !== before.title) patch.title = title;
  const lead = cleanUnits(after.lead);
  if (!sameList(lead, before.lead)) patch.lead = lead;
  const responsible = cleanUnits(after.responsible);
  if (!sameList(responsible, before.responsible)) patch.responsible = responsible;
  if (after.deadline !== before.deadline) patch.deadline = after.deadline;
  const milestones = (after.milestones ?? []).map((m) => ({ ...(m.id ? { id: m.id } : {}), title: m.title.trim(), date: m.date }));
  if (JSON.stringify(milestones) !== JSON.stringify(before.milestones ?? [])) patch.milestones = milestones;
  if (after.progressNote !== before.progressNote) patch.progressNote = after.progressNote;
  if (after.body !== before.body) patch.body = after.body;
  return patch;
}
