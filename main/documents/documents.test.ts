import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentDetail } from '../../core/documents/model';
import type { DocumentListRow } from '../../core/documents/view';
import { buildDocument, documentRow, readDocumentFields } from '../../core/documents/projection';
import type { BriefingExport } from '../../core/ipc/dashboard';
import type { Dispatch } from '../../core/ipc/dispatch';
import { bodyText, fieldsOf, setBodyText } from '../../core/records/record-doc';
import { createAppDispatch } from '../app/handlers-index';
import { createSession } from '../app/session';
import { defaultSeedFile, importSeedFile } from '../seed/import-seed';
import { schemaVersion } from '../store/migrate';
import { openDatabase } from '../store/open-db';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { bodyParagraphs, layoutTitle } from './official';
import { requireTool } from '../testing/require-tool';
import { supervisionRepo } from '../supervision/repository';
import { documentRepo } from './repository';

const hasPoppler = requireTool('pdftotext');

const now = new Date('2022-10-10T02:00:00Z');
const period = { from: '2022-07-01', to: '2022-09-30' };
const TITLE = '厦门市人民政府办公厅关于2022年7月1日至2022年9月30日督查督办事项落实情况的通报';

afterEach(() => removeTempDirs());

function openApp(dir: string): { store: Store; dispatch: Dispatch; session: ReturnType<typeof createSession> } {
  const store = Store.open({ dir });
  const session = createSession();
  return { store, session, dispatch: createAppDispatch({ store, shell: 'web', session, now: () => now }) };
}

async function ok<T>(dispatch: Dispatch, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const pdfText = (e: BriefingExport) =>
  execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(e.base64, 'base64') })
    .toString('utf8')
    .replace(/\s+/g, '');

const projectionRows = (store: Store) => supervisionRepo(store).database.prepare('SELECT * FROM documents ORDER BY rid').all();

describe('the 通报 as a document record', () => {
  it('generate → a stored document/通报 that survives reopening and is rebuilt identically from the log', async () => {
    const dir = tempDir();
    let { store, dispatch } = openApp(dir);
    importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
    const before = store.count();
    try {
      expect(await ok<DocumentListRow[]>(dispatch, 'documents.list', {})).toEqual([]);
      const { id } = await ok<{ id: string }>(dispatch, 'dashboard.generateBriefing', period);
      expect(store.count()).toBe(before + 1);
      expect(store.kindOf(id)).toBe('document');
      expect(readDocumentFields(store.getDoc(id))).toMatchObject({ kind: 'document', docKind: '通报', period, writtenDate: '2022-10-10' });
      expect(store.getDoc(id).getArray('events').length).toBe(0);

      const detail = await ok<DocumentDetail>(dispatch, 'documents.get', { id });
      // No 文号 until the workflow's 编号; the 督查室's 机关代字 is filled in for it.
      expect(detail).toMatchObject({ id, docKind: '通报', title: TITLE, issuer: '厦门市人民政府办公厅', docNumber: '', issuerCode: '督查通报' });
      expect(detail.body.split('\n')).toContain('一、总体进展');
      expect(detail.body).toContain('截至2022年9月30日，共有督办事项39项');
      // The paragraphs are exactly the generated 通报's.
      const view = await ok<{ paragraphs: string[] }>(dispatch, 'dashboard.briefing', period);
      expect(detail.body).toBe(view.paragraphs.join('\n'));

      const rows = await ok<DocumentListRow[]>(dispatch, 'documents.list', {});
      expect(rows).toEqual([
        { id, box: '发文', docKind: '通报', title: TITLE, issuer: '厦门市人民政府办公厅', docNumber: '', numberLocal: false, status: '拟稿', phase: 'draft', period, createdAt: now.toISOString() },
      ]);
      expect(store.search({ q: '落实情况的通报', kind: 'document' }).hits.map((h) => h.id)).toEqual([id]);
      expect(store.search({ q: '下一步工作要求', kind: 'document' }).hits.map((h) => h.id)).toEqual([id]);

      store.close();
      ({ store, dispatch } = openApp(dir));
      expect(await ok<DocumentListRow[]>(dispatch, 'documents.list', {})).toEqual(rows);
      expect((await ok<DocumentDetail>(dispatch, 'documents.get', { id })).body).toBe(detail.body);

      const projected = projectionRows(store);
      store.rebuildIndex();
      expect(projectionRows(store)).toEqual(projected);
      expect(store.search({ q: '落实情况的通报', kind: 'document' }).hits.map((h) => h.id)).toEqual([id]);
    } finally {
      store.close();
    }
  });

  it('refuses unknown ids, other kinds and a bad period', async () => {
    const { store, dispatch, session } = openApp(tempDir());
    importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
    try {
      const incomingId = store.ids().find((i) => store.kindOf(i) === 'incoming');
      expect(await dispatch('documents.get', { id: incomingId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await dispatch('documents.export', { id: 'nope', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await dispatch('dashboard.generateBriefing', { from: '2022-09-30', to: '2022-07-01' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      // A unit's contact reads 通报 but does not issue them; nothing is written.
      const before = store.count();
      session.switchTo('spj.zhang');
      expect(await dispatch('dashboard.generateBriefing', period)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(store.count()).toBe(before);
      session.switchTo('leader.wang');
      expect(await dispatch('dashboard.generateBriefing', period)).toMatchObject({ ok: true });
      session.switchTo('dcs.lin');
      // A draft without a 发文字号 cannot be laid out yet.
      const id = store.create('document', (doc) => {
        buildDocument(doc, { ...readDocumentFields(new Y.Doc()), docKind: '通知', title: '关于测试的通知', issuer: '某机关', docNumber: '', writtenDate: '2022-10-10' });
        setBodyText(doc, '正文。');
      });
      expect(await dispatch('documents.export', { id, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    } finally {
      store.close();
    }
  });

  it.skipIf(!hasPoppler)('exports from the stored record: the title is in the PDF, and an edited body changes the export', async () => {
    const { store, dispatch } = openApp(tempDir());
    importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
    try {
      const { id } = await ok<{ id: string }>(dispatch, 'dashboard.generateBriefing', period);
      // The 公文版式 carries the 文号: a draft is exported once 签发 and 编号 gave it one.
      expect(await dispatch('documents.export', { id, format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '发文字号尚未登记,暂不能按公文版式导出' } });
      const submitted = await ok<{ head: string | null }>(dispatch, 'documents.step', { id, basis: null, step: { type: 'submit' } });
      await ok(dispatch, 'documents.step', { id, basis: submitted.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } });
      expect(await ok(dispatch, 'documents.number', { id })).toMatchObject({ number: { docNumber: '督查通报〔2022〕1号' } });
      const pdf = await ok<BriefingExport>(dispatch, 'documents.export', { id, format: 'pdf' });
      expect(pdf.fileName).toBe('督查通报_2022-07-01_2022-09-30.pdf');
      const text = pdfText(pdf);
      expect(text).toContain('关于2022年7月1日至2022年9月30日督查督办事项落实情况的通报');
      expect(text).toContain('请各责任单位对照通报内容');
      expect(text).toContain('督查通报〔2022〕1号');

      // The record is the source: edit its body (and title) and the export follows.
      store.change(id, (doc) => {
        const lines = bodyText(doc).split('\n');
        lines[lines.length - 1] = '请各单位于十月底前报送整改情况，逾期未报的予以通报批评。';
        setBodyText(doc, lines.join('\n'));
        fieldsOf(doc).set('title', `${TITLE}（修订）`);
      });
      const edited = pdfText(await ok<BriefingExport>(dispatch, 'documents.export', { id, format: 'pdf' }));
      expect(edited).toContain('请各单位于十月底前报送整改情况');
      expect(edited).not.toContain('请各责任单位对照通报内容');
      expect(edited).toContain('落实情况的通报（修订）');
      expect((await ok<DocumentListRow[]>(dispatch, 'documents.list', {}))[0]?.title).toBe(`${TITLE}（修订）`);

      const docx = await ok<BriefingExport>(dispatch, 'documents.export', { id, format: 'docx' });
      expect(docx.fileName).toBe('督查通报_2022-07-01_2022-09-30.docx');
      expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      store.close();
    }
  });
});

describe('layout mapping', () => {
  it('keeps headings, marks item lines as ordinary paragraphs and keeps the period on one title line', () => {
    expect(bodyParagraphs('引言。\n一、总体进展\n1．某事项\n\n')).toEqual([{ text: '引言。', level: 0 }, '一、总体进展', { text: '1．某事项', level: 0 }]);
    expect(layoutTitle(TITLE, period)).toBe('厦门市人民政府办公厅关于\n2022年7月1日至2022年9月30日\n督查督办事项落实情况的通报');
    expect(layoutTitle('关于某事的通知', null)).toBe('关于某事的通知');
  });

  it('the 发文 row falls back to safe defaults for malformed fields', () => {
    const doc = new Y.Doc();
    fieldsOf(doc).set('kind', 'document');
    fieldsOf(doc).set('docKind', '便条');
    fieldsOf(doc).set('title', 7);
    fieldsOf(doc).set('period', { from: '2022-07-01' });
    expect(documentRow('x', readDocumentFields(doc))).toMatchObject({ id: 'x', docKind: '通知', title: '(无标题)', period: null, writtenDate: null });
  });
});

describe('migration 5 → 6', () => {
  it('adds the documents projection and fills it from the log on the next open', () => {
    const dir = tempDir();
    const v5 = openDatabase(dir, { targetVersion: 5 });
    const doc = new Y.Doc();
    doc.transact(() => {
      buildDocument(doc, {
        kind: 'document',
        docKind: '通报',
        title: '关于第三季度督办情况的通报',
        issuer: '厦门市人民政府办公厅',
        issuerMark: '厦门市人民政府办公厅文件',
        docNumber: '督查通报〔2022〕1号',
        mainRecipients: ['各区人民政府'],
        ccRecipients: [],
        writtenDate: '2022-10-10',
        period,
        createdAt: '2022-10-10T02:00:00.000Z',
        updatedAt: '2022-10-10T02:00:00.000Z',
      });
      setBodyText(doc, '一、总体进展\n进展顺利。');
    });
    const rid = Number(v5.prepare("INSERT INTO records(id, kind, created_at) VALUES ('old-doc', 'document', '2022-10-10')").run().lastInsertRowid);
    v5.prepare('INSERT INTO snapshots(rid, data) VALUES (?, ?)').run(rid, Y.encodeStateAsUpdate(doc));
    v5.close();

    const v6 = openDatabase(dir, { targetVersion: 6 });
    expect(schemaVersion(v6)).toBe(6);
    expect(v6.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'documents'").get()).toEqual({ name: 'documents' });
    expect(v6.prepare("SELECT value FROM meta WHERE key = 'needs_reindex'").get()).toEqual({ value: '1' });
    v6.close();

    const store = Store.open({ dir });
    try {
      expect(documentRepo(store).list()).toEqual([expect.objectContaining({ id: 'old-doc', docKind: '通报', title: '关于第三季度督办情况的通报', period })]);
      expect(store.search({ q: '进展顺利' }).hits.map((h) => h.id)).toEqual(['old-doc']);
    } finally {
      store.close();
    }
  });
});
