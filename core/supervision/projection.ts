import type * as Y from 'yjs';
import { bodyText, fieldsOf, readEvents } from '../records/record-doc';
import { SupervisionFields, type SupervisionRow } from './model';
import { reduceSupervision } from './workflow';

/** Reads a supervision record doc; fields that fail the schema fall back to safe defaults. */
export function readSupervisionFields(doc: Y.Doc): SupervisionFields {
  const raw = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const parsed = SupervisionFields.safeParse(raw);
  if (parsed.success) return parsed.data;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const list = (k: string) =>
    Array.isArray(raw[k]) ? (raw[k] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : [];
  const deadline = str('deadline');
  return {
    kind: 'supervision',
    code: str('code'),
    title: str('title') || '(无标题)',
    section: str('section'),
    order: typeof raw.order === 'number' && Number.isInteger(raw.order) ? raw.order : 0,
    subsection: str('subsection'),
    lead: list('lead'),
    responsible: list('responsible'),
    deadline: /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? deadline : null,
    progressNote: str('progressNote'),
    sourceId: str('sourceId') || null,
    createdAt: str('createdAt'),
    updatedAt: str('updatedAt'),
  };
}

export interface SupervisionProjection {
  row: SupervisionRow;
  /** Texts for the full-text index. */
  search: { title: string; body: string; notes: string };
}

export function projectSupervision(id: string, doc: Y.Doc): SupervisionProjection {
  const f = readSupervisionFields(doc);
  const state = reduceSupervision(readEvents(doc).events);
  const body = bodyText(doc);
  return {
    row: {
      id,
      code: f.code,
      title: f.title,
      section: f.section,
      subsection: f.subsection,
      order: f.order,
      lead: f.lead,
      responsible: f.responsible,
      deadline: f.deadline,
      status: state.status,
      conflict: state.conflicts > 0,
      progressNote: f.progressNote,
      sourceId: f.sourceId,
      updatedAt: f.updatedAt,
    },
    search: { title: `${f.code} ${f.title}`.trim(), body, notes: f.progressNote },
  };
}
