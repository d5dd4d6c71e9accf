import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Y from 'yjs';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { parseWorkPoints, type SeedDocument, type SeedProblem } from '../../core/seed/work-points';
import type { Store } from '../store/store';
import { buildSupervision } from '../supervision/handlers';

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
  problems: SeedProblem[];
}

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
 * Imports a 工作要点 document: one 收文 record and one 督办 item per point, linked to it,
 * all in one transaction. Importing the same 发文字号 twice is refused.
 */
export function importSeedText(store: Store, text: string, now: Date = new Date()): SeedImportResult {
  const parsed = parseWorkPoints(text);
  if (parsed.items.length === 0) {
    throw new AppError('BAD_INPUT', `未能从文件中识别出工作要点条目${describeProblems(parsed.problems)}`);
  }
  const docNumber = parsed.document.docNumber;
  if (store.incoming.list().some((row) => row.docNumber === docNumber)) {
    throw new AppError('CONFLICT', `该文件已导入:${docNumber}`);
  }
  const at = now.toISOString();
  const documentId = randomUUID();
  const firstOrder = store.supervision.nextOrder();
  store.createMany([
    { kind: 'incoming', id: documentId, build: (doc) => buildIncoming(doc, parsed.document, at) },
    ...parsed.items.map((item, index) => ({
      kind: 'supervision' as const,
      build: (doc: Y.Doc) =>
        buildSupervision(
          doc,
          {
            code: item.code,
            title: item.title,
            section: item.section,
            subsection: item.subsection,
            order: firstOrder + index,
            lead: item.lead,
            responsible: item.responsible,
            deadline: null,
            progressNote: '',
            body: item.text,
            sourceId: documentId,
          },
          at,
        ),
    })),
  ]);
  return { items: parsed.items.length, units: parsed.units.length, document: docNumber, documentId, problems: parsed.problems };
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
