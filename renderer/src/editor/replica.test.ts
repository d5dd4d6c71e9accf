import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../../core/crypto/bytes';
import type { AppEvent } from '../../../core/ipc/contract';
import type { EditorSession } from '../../../core/ipc/editor';
import { Replica, type ReplicaPort } from './replica';

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
    main.getText('body').insert(0, '原文内容');
    main.getText('body').delete(0, 2);
    const { port, pushes } = fakeMain(main, { canEdit: false });
    const replica = new Replica('r1', port);
    const errors: string[] = [];
    replica.setErrorHandler((m) => errors.push(m));
    await replica.sync();
    await replica.settled();
    expect(replica.doc.getText('body').toString()).toBe('内容');
    expect(errors).toEqual([]);
    expect(pushes).toEqual([]);
    replica.close();
  });

  it('an editor’s change that main refused is sent again, merged with the next, and once accepted not again', async () => {
    const main = new Y.Doc();
    main.getText('body').insert(0, '原文');
    const { port, pushes, resync } = fakeMain(main, { canEdit: true, failPushes: 1 });
    const replica = new Replica('r2', port);
    const errors: string[] = [];
    replica.setErrorHandler((m) => errors.push(m));
    await replica.sync();
    replica.doc.getText('body').insert(2, '甲');
    await replica.settled();
    expect(errors).toEqual(['本地服务异常']);
    expect(main.getText('body').toString()).toBe('原文');
    // The next local change carries the refused one with it.
    replica.doc.getText('body').insert(3, '乙');
    await replica.settled();
    expect(main.getText('body').toString()).toBe('原文甲乙');
    expect(pushes).toHaveLength(1);
    // A resync (main restarted, say) sends nothing already accepted.
    resync();
    await new Promise((r) => setTimeout(r, 0));
    await replica.settled();
    expect(pushes).toHaveLength(1);
    replica.close();
  });
});
