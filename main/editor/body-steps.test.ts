import * as fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../core/crypto/bytes';
import type { DocumentWorkflow } from '../../core/documents/view';
import { named } from '../../core/documents/testing/people';
import { HeadlessEditor } from '../../core/editor/headless';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { BodyStep, BodyStepText, EditorSession, Markup } from '../../core/ipc/editor';
import type { RecordDetail } from '../../core/ipc/records';
import { cleanTextSm3 } from '../../core/records/body-snapshot';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { BlobServices } from '../blobs/services';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { EditorHub } from './hub';

let store: Store;
let session: Session;
let dispatch: Dispatch;
let hub: EditorHub;
let blobs: BlobServices;
const { ok, call } = dispatchClient(() => ({ dispatch, session }));

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  hub = new EditorHub(store);
  blobs = new BlobServices({ dir: store.dir });
  let t = Date.parse('2022-07-04T01:00:00Z');
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date((t += 60_000)), editor: hub, blobs });
});
afterEach(() => {
  hub.dispose();
  blobs.close();
  store.close();
  removeTempDirs();
});

/** A person's editor window: a replica opened as them, every transaction pushed as they type. */
async function editorOf(id: string, login: string) {
  session.switchTo(login);
  const doc = new Y.Doc();
  const opened = await ok<EditorSession>('editor.open', { id, viewer: `win-${login}`, sv: toBase64(Y.encodeStateVector(doc)) });
  Y.applyUpdate(doc, fromBase64(opened.update), 'main');
  const pushes: Array<Promise<unknown>> = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'main') pushes.push(ok('editor.push', { id, update: toBase64(u) }));
  });
  const editor = new HeadlessEditor(doc, { author: opened.user, suggest: opened.bodyMode === 'suggest', now: () => Date.parse('2022-07-04T03:00:00Z') });
  return { editor, opened, settle: () => Promise.all(pushes) };
}

/** The position just before `word` in the editor's document. */
const at = (editor: HeadlessEditor, word: string): number => {
  let pos = -1;
  editor.current().doc.descendants((node, p) => {
    if (pos < 0 && node.isText && node.text!.includes(word)) pos = p + node.text!.indexOf(word);
  });
  if (pos < 0) throw new Error(`no ${word}`);
  return pos;
};

const changesOf = (markup: Markup) => markup.flatMap((b) => b.segments.filter((s) => s.change).map((s) => [s.change!.kind, s.text, s.change!.author?.login, s.change!.suggested]));

/** A 通知 drafted by 李文 (A), reviewed by 赵静 (B) in 修订, signed by 王副秘书长 (C). */
async function draftReviewSign() {
  session.switchTo('bgt.li');
  const { id } = await ok<{ id: string }>('documents.draft', { docKind: '通知', title: '关于报送数字化转型进展的通知', issuerCode: '厦府办' });
  const a = await editorOf(id, 'bgt.li');
  expect(a.opened.bodyMode).toBe('free');
  a.editor.edit((tr, state) => {
    const s = state.schema;
    tr.replaceWith(0, state.doc.content.size, [
      s.node('heading', { level: 1 }, s.text('一、工作目标')),
      s.node('paragraph', null, s.text('全面完成年度数字化转型任务。')),
      s.node('paragraph', null, s.text('各单位于六月底前报送进展情况。')),
    ]);
  });
  await a.settle();
  let w = await ok<DocumentWorkflow>('documents.workflow', { id });
  w = await ok('documents.step', { id, basis: w.head, step: { type: 'submit', reviewers: [named('bgt.zhao')] } });

  const b = await editorOf(id, 'bgt.zhao');
  // 核稿 forces 修订: B's edits are suggestions, not applied.
  expect(b.opened.bodyMode).toBe('suggest');
  b.editor.edit((tr) => tr.insertText('五月', at(b.editor, '六月'), at(b.editor, '六月') + 2));
  b.editor.edit((tr) => tr.insertText('书面', at(b.editor, '报送')));
  await b.settle();
  w = await ok('documents.step', { id, basis: w.head, step: { type: 'review', decision: 'pass', opinion: '已修改' } });
  expect(w.phase).toBe('issue');

  session.switchTo('leader.wang');
  w = await ok('documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意印发' } });
  expect(w.phase).toBe('issued');
  return id;
}

describe('花脸稿 and 清稿 per 发文 step', () => {
  it('A drafts, B reviews in 修订, C signs: the diff between the steps is exactly B’s changes, attributed to B; the 签发 covers the 清稿', async () => {
    const id = await draftReviewSign();
    const steps = await ok<BodyStep[]>('editor.steps', { id });
    expect(steps.map((s) => [s.label, s.actor.login])).toEqual([
      ['送审', 'bgt.li'],
      ['核稿', 'bgt.zhao'],
      ['签发', 'leader.wang'],
    ]);
    const [submitted, reviewed, issued] = steps as [BodyStep, BodyStep, BodyStep];

    // From 送审 to 核稿: B's three 修订 and nothing else, each named B.
    const review = await ok<Markup>('editor.compare', { id, from: submitted.eventId, to: reviewed.eventId });
    expect(changesOf(review)).toEqual([
      ['del', '六月', 'bgt.zhao', true],
      ['ins', '五月', 'bgt.zhao', true],
      ['ins', '书面', 'bgt.zhao', true],
    ]);
    expect(review[0]).toEqual({ level: 1, segments: [{ text: '一、工作目标', change: null }] });
    // From the empty body to 送审: A's text, all A's.
    const drafted = await ok<Markup>('editor.compare', { id, from: null, to: submitted.eventId });
    expect(new Set(drafted.flatMap((b) => b.segments.map((s) => s.change?.author?.login)))).toEqual(new Set(['bgt.li']));
    // C changed nothing between 核稿 and 签发.
    expect(changesOf(await ok<Markup>('editor.compare', { id, from: reviewed.eventId, to: issued.eventId }))).toEqual([]);

    // What the leader signed: the 签发's signature verifies, and its 正文 hash is the SM3 of the
    // 清稿 stored with the step (B's 修订 read as accepted).
    const detail = await ok<RecordDetail>('records.get', { id });
    const issue = detail.history.find((h) => h.event.type === 'issue')!;
    expect(issue.signature.status).toBe('valid');
    const payload = issue.event.payload as { substance: { body: string }; bodySnapshot: { sm3: string } };
    const clean = '一、工作目标\n全面完成年度数字化转型任务。\n各单位于五月底前书面报送进展情况。';
    expect(payload.substance.body).toBe(cleanTextSm3(clean));
    expect(payload.bodySnapshot.sm3).toBe(payload.substance.body);
    const shown = await ok<BodyStepText>('editor.stepText', { id, step: issued.eventId });
    expect(shown).toMatchObject({ text: clean, sm3: payload.substance.body, matches: true, signature: { status: 'valid', signer: 'leader.wang' } });
    // Nothing changed since: no 复核 needed, and 编号 goes ahead on the signed substance.
    expect((await ok<DocumentWorkflow>('documents.workflow', { id })).changedSinceIssue).toEqual([]);
  });

  it('a snapshot whose stored bytes were altered is refused; a missing one says it has not arrived', async () => {
    const id = await draftReviewSign();
    const [submitted, reviewed] = await ok<BodyStep[]>('editor.steps', { id });
    const detail = await ok<RecordDetail>('records.get', { id });
    const ref = (detail.history.find((h) => h.event.id === reviewed!.eventId)!.event.payload as { bodySnapshot: { state: { sm3: string } } }).bodySnapshot.state;
    const file = blobs.store.files.final(ref.sm3);
    const bytes = fs.readFileSync(file);
    const i = bytes.length - 2;
    bytes[i] = bytes[i]! ^ 1;
    fs.writeFileSync(file, bytes);
    const refused = await call('editor.compare', { id, from: submitted!.eventId, to: reviewed!.eventId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('损坏') } });
    // The damaged copy is set aside and wanted again from the server: until it arrives, a clear answer.
    expect(await call('editor.stepText', { id, step: reviewed!.eventId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('正文快照尚未同步到本机') } });
    // Other steps still read.
    expect((await ok<BodyStepText>('editor.stepText', { id, step: submitted!.eventId })).matches).toBe(true);
  });
});
