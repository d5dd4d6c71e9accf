import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { fieldsOf, setBodyText } from '../../../core/records/record-doc';
import type { SupervisionFields } from '../../../core/supervision/model';
import type { IncomingFields } from '../../../core/incoming/model';

/** Helpers for the store's tests and the benchmark; not used by the app. */

const made: string[] = [];

export function tempDir(prefix = 'xietong-store-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export type SupervisionInput = Partial<Omit<SupervisionFields, 'kind'>> & { body?: string };

/** A build function writing a supervision item, defaults for everything not given. */
export function supervision(input: SupervisionInput = {}): (doc: Y.Doc) => void {
  return (doc) => {
    const { body = '', ...given } = input;
    const fields: Omit<SupervisionFields, 'kind'> = {
      level: 'task',
      parentId: null,
      deadlinePhrase: '',
      milestones: [],
      sourceKind: null,
      sourceLabel: '',
      code: '',
      title: '未命名事项',
      section: '',
      order: 0,
      subsection: '',
      lead: [],
      responsible: [],
      deadline: null,
      progressNote: '',
      sourceId: null,
      createdAt: '2022-05-08T00:00:00.000Z',
      updatedAt: '2022-05-08T00:00:00.000Z',
      ...given,
    };
    const map = fieldsOf(doc);
    map.set('kind', 'supervision');
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    setBodyText(doc, body);
  };
}

export type IncomingInput = Partial<Omit<IncomingFields, 'kind'>> & { body?: string };

export function incoming(input: IncomingInput = {}): (doc: Y.Doc) => void {
  return (doc) => {
    const { body = '', ...given } = input;
    const fields: Omit<IncomingFields, 'kind'> = {
      title: '未命名收文',
      issuer: '',
      docNumber: '',
      writtenDate: null,
      issuedDate: null,
      mainRecipients: [],
      ccRecipients: [],
      publicity: '',
      receivedAt: '2022-05-09T00:00:00.000Z',
      createdAt: '2022-05-09T00:00:00.000Z',
      updatedAt: '2022-05-09T00:00:00.000Z',
      ...given,
    };
    const map = fieldsOf(doc);
    map.set('kind', 'incoming');
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    setBodyText(doc, body);
  };
}
