import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Y from 'yjs';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { parseWorkPoints, type SeedDocument, type SeedItem, type SeedProblem } from '../../core/seed/work-points';
import type { Actor } from '../../core/supervision/actor';
import { extractDeadlines } from '../../core/supervision/deadline-phrases';
import { demoContactOf } from '../../core/supervision/demo-users';
import { DEFAULT_ACKNOWLEDGE_DAYS, DEFAULT_REPORT_CYCLE, type AssignmentSpec } from '../../core/supervision/events';
import { CREATE, type RecordEvent } from '../../core/kernel/event';
import { incomingRepo } from '../incoming/repository';
import type { Store } from '../store/store';
import { buildSupervision } from '../supervision/build';
import { supervisionRepo } from '../supervision/repository';
import { SEED_PROJECT_CODE, seedPartId, seedRecordId, seedTimestamp } from './seed-ids';

export const SEED_FILE_NAME = 'xiamen-2022-digital-work-points.txt';

/** The seed shipped with the app: `seeds/` at the repository root (or the packaged app's root). */
export function defaultSeedFile(appRoot?: string): string {
  const root = appRoot ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.join(root, 'seeds', SEED_FILE_NAME);
}

export interface SeedImportResult {
  items: number;
  units: number;
  document: string;
  documentId: string;
  /** The 立项 record the items belong to. */
  projectId: string;
  problems: SeedProblem[];
}

/**
 * Who 交办s the imported items: the document itself is the assignment (the 分工 is printed in it),
 * so the import acts for the 督查室 under a system login, never in a real person's name.
 */
export const IMPORT_ACTOR: Actor = { login: 'system:import', name: '文件导入', unit: '市政府督查室', role: 'supervisor' };

function buildIncoming(doc: Y.Doc, d: SeedDocument, at: string): void {
  const fields = fieldsOf(doc);
  fields.set('kind', 'incoming');
  fields.set('title', d.title);
  fields.set('issuer', d.issuer);
  fields.set('docNumber', d.docNumber);
  fields.set('writtenDate', d.writtenDate);
  fields.set('issuedDate', d.issuedDate);
  fields.set('mainRecipients', d.mainRecipients);
  fields.set('ccRecipients', d.ccRecipients);
  fields.set('publicity', d.publicity);
  fields.set('receivedAt', at);
  fields.set('createdAt', at);
  fields.set('updatedAt', at);
  setBodyText(doc, d.body);
}

/**
 * The kernel `create` event of a seed record: by the import's system actor (unsigned by design),
 * with an id and time fixed by the document, so every profile that imports it writes the same event.
 */
function seedCreateEvent(recordId: string, kind: string, at: string): RecordEvent {
  return { id: seedPartId(recordId, 'create'), type: CREATE, actor: IMPORT_ACTOR.login, by: IMPORT_ACTOR, at, basis: null, payload: { kind } };
}

/** The year the document's dates are read in: its 成文日期, else its 发文字号 〔2022〕. */
function documentYear(d: SeedDocument, now: Date): number {
  const year = Number((d.writtenDate ?? '').slice(0, 4)) || Number(/〔(\d{4})〕/.exec(d.docNumber)?.[1]);
  return year || now.getFullYear();
}

/** The clause of `text` around a phrase (between punctuation): the milestone's name. */
function clauseAround(text: string, index: number, length: number): string {
  const stops = /[,，。;；:：]/;
  let start = index;
  while (start > 0 && !stops.test(text[start - 1] ?? '')) start -= 1;
  let end = index + length;
  while (end < text.length && !stops.test(text[end] ?? '')) end += 1;
  return text.slice(start, end).trim().slice(0, 200);
}

/** 牵头 units lead, the rest are 责任; 市直各部门 and other collective names stay one group assignment. */
function assignmentsOf(item: SeedItem): AssignmentSpec[] {
  const contact = (unit: string) => demoContactOf(unit)?.name ?? '';
  const lead = item.lead.map((unit): AssignmentSpec => ({ unit, role: 'lead', contact: contact(unit), phone: '', part: '' }));
  const responsible = item.responsible
    .filter((unit) => !item.lead.includes(unit))
    .map((unit): AssignmentSpec => ({ unit, role: 'responsible', contact: contact(unit), phone: '', part: '' }));
  return [...lead, ...responsible];
}

/**
 * Imports a 工作要点 document, all in one transaction: one 收文 record; one 立项 record linked to
 * it; one 督办 item per point under the 立项, with its deadline where the text states one (the
 * phrase kept, later phrases as 节点目标) and a 交办 event assigning its 牵头 and 责任 units (各区
 * already expanded by the parser). Importing the same 发文字号 twice is refused.
 */
export function importSeedText(store: Store, text: string, now: Date = new Date()): SeedImportResult {
  const parsed = parseWorkPoints(text);
  if (parsed.items.length === 0) {
    throw new AppError('BAD_INPUT', `未能从文件中识别出工作要点条目${describeProblems(parsed.problems)}`);
  }
  const d = parsed.document;
  const docNumber = d.docNumber;
  if (incomingRepo(store).list().some((row) => row.docNumber === docNumber)) {
    throw new AppError('CONFLICT', `该文件已导入:${docNumber}`);
  }
  // Ids, time and Yjs client ids are deterministic: profiles importing the same file converge (seed-ids.ts).
  const at = seedTimestamp(now, d).toISOString();
  const year = documentYear(d, now);
  const documentId = seedRecordId(docNumber);
  const projectId = seedRecordId(docNumber, SEED_PROJECT_CODE);
  // The records are built with list positions counted from 0, so they are byte-identical in every
  // profile; a profile that already holds items moves them after its own in a second change below.
  const firstOrder = supervisionRepo(store).nextOrder();
  const name = /关于印发(.+)的通知$/.exec(d.title)?.[1] ?? d.title;
  const common = { lead: [], responsible: [], progressNote: '', sourceId: documentId, sourceKind: 'incoming' as const, sourceLabel: docNumber };
  store.createMany([
    { kind: 'incoming', id: documentId, deterministic: true, createEvent: seedCreateEvent(documentId, 'incoming', at), build: (doc) => buildIncoming(doc, d, at) },
    {
      kind: 'supervision',
      id: projectId,
      deterministic: true,
      createEvent: seedCreateEvent(projectId, 'supervision', at),
      build: (doc) =>
        buildSupervision(
          doc,
          {
            ...common,
            level: 'project',
            parentId: null,
            code: '',
            title: `《${name}》重点工作督办`,
            section: '',
            subsection: '',
            order: 0,
            deadline: null,
            milestones: [],
            body: `根据${docNumber}《${d.title}》,将其中${parsed.items.length}项工作要点列入督办,按文件明确的牵头单位和责任单位交办落实。`,
          },
          at,
        ),
    },
    ...parsed.items.map((item, index) => ({
      kind: 'supervision' as const,
      id: seedRecordId(docNumber, item.code),
      deterministic: true,
      createEvent: seedCreateEvent(seedRecordId(docNumber, item.code), 'supervision', at),
      // 交办 to the 牵头 and 责任 units the document names: the document itself is the assignment.
      events: [
        {
          id: seedPartId(seedRecordId(docNumber, item.code), 'assign'),
          type: 'assign',
          actor: IMPORT_ACTOR.login,
          by: IMPORT_ACTOR,
          at,
          basis: null,
          payload: {
            assignments: assignmentsOf(item),
            acknowledgeDays: DEFAULT_ACKNOWLEDGE_DAYS,
            reportCycle: DEFAULT_REPORT_CYCLE,
            note: `按${docNumber}分工交办`,
          },
        },
      ],
      build: (doc: Y.Doc) => {
        const [deadline, ...later] = extractDeadlines(item.text, year);
        buildSupervision(
          doc,
          {
            ...common,
            level: 'task',
            parentId: projectId,
            code: item.code,
            title: item.title,
            section: item.section,
            subsection: item.subsection,
            order: index,
            lead: item.lead,
            responsible: item.responsible,
            deadline: deadline?.date ?? null,
            deadlinePhrase: deadline?.phrase ?? '',
            milestones: later.map((m) => ({
              id: seedPartId(seedRecordId(docNumber, item.code), `milestone:${m.index}`),
              title: clauseAround(item.text, m.index, m.phrase.length),
              date: m.date,
              phrase: m.phrase,
            })),
            body: item.text,
          },
          at,
        );
      },
    })),
  ]);
  if (firstOrder !== 0) {
    const ids = [projectId, ...parsed.items.map((item) => seedRecordId(docNumber, item.code))];
    ids.forEach((id, i) => store.change(id, (doc) => fieldsOf(doc).set('order', firstOrder + Math.max(0, i - 1))));
  }
  return {
    items: parsed.items.length,
    units: parsed.units.length,
    document: docNumber,
    documentId,
    projectId,
    problems: parsed.problems,
  };
}

export function importSeedFile(store: Store, file: string, now?: Date): SeedImportResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('BAD_INPUT', `无法读取文件 ${file}:${(err as Error).message}`);
  }
  return importSeedText(store, text, now);
}

function describeProblems(problems: SeedProblem[]): string {
  if (problems.length === 0) return '';
  return `(${problems.slice(0, 3).map((p) => `第${p.line}行:${p.reason}`).join(';')})`;
}
