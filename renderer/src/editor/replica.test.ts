import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../../core/crypto/bytes';
import type { AppEvent } from '../../../core/ipc/contract';
import type { EditorSession } from '../../../core/ipc/editor';
import { Replica, type ReplicaPort } from './replica';
import { HeadlessEditor } from '../../../core/editor/headless';
import { editorSchema } from '../../../core/editor/extensions';
import { bodyOf } from '../../../core/records/record-doc';

/** Main's side in memory: its copy of the record, and whether this viewer may write to it. */
function fakeMain(doc: Y.Doc, opts: { canEdit: boolean; failPushes?: number }) {
  const pushes: Uint8Array[] = [];
  let failures = opts.failPushes ?? 0;
  let resync = () => {};
  const port: ReplicaPort = {
    open: async ({ sv }) =>
      ({
        update: toBase64(Y.encodeStateAsUpdate(doc, fromBase64(sv))),
        sv: toBase64(Y.encodeStateVector(doc)),
        canEdit: opts.canEdit,
        canAccept: false,
        bodyMode: 'free',
        user: { login: 'zhang', name: '张三', color: '#123456' },
      }) as EditorSession,
    push: async ({ update }) => {
      if (!opts.canEdit) throw new Error('您没有修改此正文的权限');
      if (failures > 0) {
        failures -= 1;
        throw new Error('本地服务异常');
      }
      pushes.push(fromBase64(update));
      Y.applyUpdate(doc, fromBase64(update), 'editor');
      return {};
    },
    close: async () => ({}),
    awareness: async () => ({}),
    onEvent: (_listener: (e: AppEvent) => void) => () => {},
    onResync: (listener) => {
      resync = listener;
      return () => {};
    },
  };
  return { port, pushes, resync: () => resync() };
}

describe('the renderer replica of a body', () => {
  it('a reader opening a body with deleted text pushes nothing, so no error is shown', async () => {
    const main = new Y.Doc();
    main.getText('draft').insert(0, '原文内容');
    main.getText('draft').delete(0, 2);
    const { port, pushes } = fakeMain(main, { canEdit: false });
    const replica = new Replica('r1', port);
    const errors: string[] = [];
    replica.setErrorHandler((m) => errors.push(m));
    await replica.sync();
    await replica.settled();
    expect(replica.doc.getText('draft').toString()).toBe('内容');
    expect(errors).toEqual([]);
    expect(pushes).toEqual([]);
    replica.close();
  });

  it('an editor’s change that main refused is sent again, merged with the next, and once accepted not again', async () => {
    const main = new Y.Doc();
    main.getText('draft').insert(0, '原文');
    const { port, pushes, resync } = fakeMain(main, { canEdit: true, failPushes: 1 });
    const replica = new Replica('r2', port);
    const errors: string[] = [];
    replica.setErrorHandler((m) => errors.push(m));
    await replica.sync();
    replica.doc.getText('draft').insert(2, '甲');
    await replica.settled();
    expect(errors).toEqual(['本地服务异常']);
    expect(main.getText('draft').toString()).toBe('原文');
    // The next local change carries the refused one with it.
    replica.doc.getText('draft').insert(3, '乙');
    await replica.settled();
    expect(main.getText('draft').toString()).toBe('原文甲乙');
    expect(pushes).toHaveLength(1);
    // A resync (main restarted, say) sends nothing already accepted.
    resync();
    await new Promise((r) => setTimeout(r, 0));
    await replica.settled();
    expect(pushes).toHaveLength(1);
    replica.close();
  });

  it('an editor’s replica keeps the 修订 ledger: a mark a merge dropped is put back and sent to main; a reader’s replica writes nothing', async () => {
    // 王科长 types on inside his own suggestion while 李干事 (on a replica without the ledger, as
    // before it existed) deletes its start: merged in main, 甲二 has lost its mark
    // (core/editor/known-limits.test.ts).
    const s = editorSchema();
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const wang = new HeadlessEditor(d1, { author: { login: 'wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文内容'))));
    wang.suggest = true;
    wang.edit((tr) => tr.insert(3, s.text('甲一')));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    const li = new HeadlessEditor(d2, { author: { login: 'li', name: '李干事' }, ledger: false });
    wang.edit((tr) => tr.insert(5, s.text('甲二')));
    li.edit((tr) => tr.delete(3, 5));
    const main = new Y.Doc();
    Y.applyUpdate(main, Y.encodeStateAsUpdate(d1));
    Y.applyUpdate(main, Y.encodeStateAsUpdate(d2));
    const marked = (doc: Y.Doc) => ((bodyOf(doc).toArray()[0] as Y.XmlElement).toArray()[0] as Y.XmlText).toDelta() as Array<{ insert: string; attributes?: Record<string, unknown> }>;
    expect(marked(main).find((d) => d.insert === '甲二')).toBeUndefined();

    const reader = fakeMain(main, { canEdit: false });
    const readerReplica = new Replica('r3', reader.port);
    await readerReplica.sync();
    await readerReplica.settled();
    expect(reader.pushes).toHaveLength(0);
    readerReplica.close();

    const editor = fakeMain(main, { canEdit: true });
    const replica = new Replica('r3', editor.port);
    await replica.sync();
    await replica.settled();
    expect(editor.pushes.length).toBeGreaterThan(0);
    expect(marked(main).find((d) => d.insert === '甲二')?.attributes?.insertion).toBeDefined();
    replica.close();
    wang.destroy();
    li.destroy();
  });
});
