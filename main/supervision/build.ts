import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import type { Milestone, SupervisionCreate, SupervisionPatch } from '../../core/supervision/model';

type MilestoneInput = { id?: string | undefined; title: string; date: string; phrase?: string };

/** Milestones get a stable id once, so reports can name the ones they reach. */
export const withIds = (milestones: readonly MilestoneInput[]): Milestone[] =>
  milestones.map((m) => ({ id: m.id ?? randomUUID(), title: m.title, date: m.date, phrase: m.phrase ?? '' }));

export type BuildInput = SupervisionCreate & { order: number; deadlinePhrase?: string; milestones: MilestoneInput[] };

/** Writes a new supervision item's (or 立项's) fields and body into an empty record doc. */
export function buildSupervision(doc: Y.Doc, input: BuildInput, at: string): void {
  const fields = fieldsOf(doc);
  fields.set('kind', 'supervision');
  fields.set('level', input.level);
  fields.set('parentId', input.parentId);
  fields.set('code', input.code);
  fields.set('title', input.title);
  fields.set('section', input.section);
  fields.set('subsection', input.subsection);
  fields.set('order', input.order);
  fields.set('lead', input.lead);
  fields.set('responsible', input.responsible);
  fields.set('deadline', input.deadline);
  fields.set('deadlinePhrase', input.deadlinePhrase ?? '');
  fields.set('milestones', withIds(input.milestones));
  fields.set('progressNote', input.progressNote);
  fields.set('sourceId', input.sourceId);
  fields.set('sourceKind', input.sourceKind);
  fields.set('sourceLabel', input.sourceLabel);
  fields.set('createdAt', at);
  fields.set('updatedAt', at);
  setBodyText(doc, input.body);
}

/**
 * The field values a patch sets (milestones with their ids, the deadline's phrase cleared when the
 * date is entered by hand); the kernel's edit writes only those that differ (main/kernel/edit.ts).
 */
export function patchValues(current: Readonly<Record<string, unknown>>, patch: SupervisionPatch): Record<string, unknown> {
  const { body: _body, milestones, deadline, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (milestones !== undefined) {
    // Keep the phrase a milestone was read from while its date is unchanged.
    const old = new Map(((current.milestones as Milestone[] | undefined) ?? []).map((m) => [m.id, m]));
    values.milestones = withIds(milestones).map((m) => {
      const before = old.get(m.id);
      return before && before.date === m.date ? { ...m, phrase: before.phrase } : m;
    });
  }
  if (deadline !== undefined) {
    values.deadline = deadline;
    // A date entered by hand no longer comes from the text's phrase.
    if (deadline !== current.deadline) values.deadlinePhrase = '';
  }
  return values;
}
