import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../core/crypto/bytes';
import { HeadlessEditor } from '../../core/editor/headless';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { BodyVersion, EditorSession, Markup } from '../../core/ipc/editor';
import type { AppEvent } from '../../core/ipc/contract';
import { authorOfClient } from '../../core/records/body-authors';
import { bodyBlocks, cleanText } from '../../core/records/body-blocks';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { importSeedFile, defaultSeedFile, type SeedImportResult } from '../seed/import-seed';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { EditorHub } from './hub';

let store: Store;
let session: Session;
let dispatch: Dispatch;
let hub: EditorHub;
let seed: SeedImportResult;
let events: AppEvent[];
const now = new Date('2022-06-20T01:00:00Z');
const { ok, call } = dispatchClient(() => ({ dispatch, session }));

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  seed = importSeedFile(store, defaultSeedFile(), now);
  session = createSession();
  hub = new EditorHub(store);
  events = [];
  hub.onEvent((e) => events.push(e));
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now, editor: hub });
});
afterEach(() => {
  hub.dispose();
  store.close();
  removeTempDirs();
});

/** A renderer's replica: open (sync step 1/2), then every local transaction pushed as it happens. */
async function replica(id: string, viewer: string) {
  const doc = new Y.Doc();
  const session = await ok<EditorSession>('editor.open', { id, viewer, sv: toBase64(Y.encodeStateVector(doc)) });
  Y.applyUpdate(doc, fromBase64(session.update), 'main');
  const pushes: Array<Promise<unknown>> = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'main') pushes.push(ok('editor.push', { id, update: toBase64(u) }));
  });
  return { doc, session, settle: () => Promise.all(pushes) };
}

describe('editor.* — the renderer replica kept in step with main', () => {
  it('syncs both ways, attributes the writer, and pushes changes to the other windows', async () => {
    const id = seed.projectId;
    const a = await replica(id, 'win-a');
    const b = await replica(id, 'win-b');
    expect(a.session).toMatchObject({ canEdit: true, canAccept: true, bodyMode: 'free', user: { login: 'dcs.lin', name: '林督查' } });
    new HeadlessEditor(a.doc, { author: a.session.user }).edit((tr, state) => tr.insert(0, state.schema.node('paragraph', null, state.schema.text('请各单位按时报送。'))));
    await a.settle();
    expect(cleanText(bodyBlocks(store.getDoc(id)))).toContain('请各单位按时报送。');
    expect(authorOfClient(store.getDoc(id), a.doc.clientID)).toEqual({ login: 'dcs.lin', name: '林督查' });
    // Window B receives the update as an event and converges.
    const pushed = events.filter((e): e is Extract<AppEvent, { type: 'editor-update' }> => e.type === 'editor-update' && e.id === id);
    expect(pushed.length).toBeGreaterThan(0);
    for (const e of pushed) Y.applyUpdate(b.doc, fromBase64(e.update), 'main');
    expect(cleanText(bodyBlocks(b.doc))).toBe(cleanText(bodyBlocks(store.getDoc(id))));
    // After close, no more pushes for that window's record.
    await ok('editor.close', { id, viewer: 'win-a' });
    await ok('editor.close', { id, viewer: 'win-b' });
    events.length = 0;
    await ok('editor.saveVersion', { id, name: '初稿' });
    expect(events.filter((e) => e.type === 'editor-update')).toHaveLength(0);
  });

  it('refuses a malformed update and a writer who may not edit, keeping what is saved', async () => {
    const id = seed.projectId;
    const before = Y.encodeStateAsUpdate(store.getDoc(id));
    expect(await call('editor.push', { id, update: toBase64(new Uint8Array([1, 2, 3, 250])) })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const other = new Y.Doc();
    other.getXmlFragment('body').insert(0, [new Y.XmlElement('paragraph')]);
    const update = toBase64(Y.encodeStateAsUpdate(other));
    expect(await call('editor.push', { id, update }, 'spj.zhang')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(Y.encodeStateAsUpdate(store.getDoc(id))).toEqual(before);
  });

  it('versions: save, preview, restore as a new edit; DOCX export and import; 花脸稿 from the empty body', async () => {
    session.switchTo('dcs.lin');
    const id = seed.projectId;
    const a = await replica(id, 'win-a');
    const write = (text: string) =>
      new HeadlessEditor(a.doc, { author: a.session.user }).edit((tr, state) => tr.replaceWith(0, state.doc.content.size, state.schema.node('paragraph', null, state.schema.text(text))));
    write('第一稿');
    await a.settle();
    const [v1] = await ok<BodyVersion[]>('editor.saveVersion', { id, name: '第一稿' });
    write('第二稿');
    await a.settle();
    expect((await ok<{ text: string }>('editor.versionText', { id, version: v1!.id })).text).toBe('第一稿');
    const versions = await ok<BodyVersion[]>('editor.restoreVersion', { id, version: v1!.id });
    expect(versions.map((v) => v.name)).toEqual(['第一稿', '恢复自“第一稿”']);
    expect(cleanText(bodyBlocks(store.getDoc(id)))).toBe('第一稿');

    const exported = await ok<{ data: string }>('editor.exportDocx', { id });
    write('别的内容');
    await a.settle();
    const imported = await ok<{ paragraphs: number }>('editor.importDocx', { id, data: exported.data });
    expect(imported.paragraphs).toBe(1);
    expect(cleanText(bodyBlocks(store.getDoc(id)))).toBe('第一稿');
    expect(await call('editor.importDocx', { id, data: toBase64(new TextEncoder().encode('x')) })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const markup = await ok<Markup>('editor.compare', { id, from: null, to: null });
    expect(markup.flatMap((b) => b.segments).map((s) => [s.text, s.change?.kind])).toEqual([['第一稿', 'ins']]);
  });
});
