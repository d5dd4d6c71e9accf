import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fromBase64 } from '../../core/crypto/bytes';
import type { AppEvent } from '../../core/ipc/contract';
import { EditorHub } from '../../main/editor/hub';
import { SyncEngine } from '../../main/sync/engine';
import { MemoryStorage } from '../../main/sync/memory-storage';
import { PresenceHub } from '../../main/sync/presence';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const UNIT = '市工信局';
const noStore = { onUpdate: () => () => {} };

/**
 * One machine as the editor sees it: its sync engine, its presence (main/sync/presence.ts) and
 * the editor hub wired to it as open-app does, and one editing window whose replica awareness
 * carries a caret (what @tiptap/extension-collaboration-caret puts there).
 */
function machine(server: SyncServerProcess, token: string) {
  const storage = new MemoryStorage();
  const engine = new SyncEngine({ storage, url: server.wsUrl, token, backoffBaseMs: 20, backoffMaxMs: 200 });
  const presence = new PresenceHub({ login: '', name: '', unit: '' }, () => {});
  presence.attach(engine);
  const hub = new EditorHub(noStore, presence);
  const window = new awarenessProtocol.Awareness(new Y.Doc());
  const events: AppEvent[] = [];
  hub.onEvent((e) => {
    events.push(e);
    if (e.type === 'editor-awareness') awarenessProtocol.applyAwarenessUpdate(window, fromBase64(e.update), 'main');
  });
  window.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
    if (origin !== 'main') hub.localAwareness(recordOf(window), awarenessProtocol.encodeAwarenessUpdate(window, [...added, ...updated, ...removed]));
  });
  engine.start();
  return { storage, engine, presence, hub, window, events };
}

function stop(m: ReturnType<typeof machine>): void {
  m.hub.dispose();
  m.presence.close();
  m.engine.destroy();
}

const records = new WeakMap<awarenessProtocol.Awareness, string>();
const recordOf = (a: awarenessProtocol.Awareness) => records.get(a) ?? '';

describe('正文 carets between machines through the sync server', () => {
  const dataDir = tempDir('xietong-carets-');
  let server: SyncServerProcess;
  beforeAll(async () => {
    addUser(dataDir, 'gxj.wang', { unit: UNIT, name: '王科长' });
    addUser(dataDir, 'gxj.li', { unit: UNIT, name: '李干事' });
    server = await startSyncServer({ dataDir, args: ['--log-level', 'warn'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  /** Two machines (王科长's, 李干事's) with one window each editing the record `id`. */
  async function twoEditing(id: string) {
    const a = machine(server, tokenFor(dataDir, 'gxj.wang'));
    const b = machine(server, tokenFor(dataDir, 'gxj.li'));
    a.storage.create(id, 'note', person('gxj.wang', UNIT));
    await until(() => b.storage.docs.has(id), 'the record reaches B');
    for (const m of [a, b]) {
      records.set(m.window, id);
      m.hub.open(id, 'w1');
    }
    return { a, b, id };
  }

  it("B's window sees A's caret with A's name (set by the server) and colour, follows it, and loses it when A stops editing", async () => {
    const { a, b, id } = await twoEditing('carets-1');
    try {
      // The window claims another name: the server puts the account's on it.
      const caret = (anchor: number) => ({ user: { name: '冒充者', color: '#d4380d' }, cursor: { anchor: { item: null, type: null, tname: 'body', assoc: anchor } } });
      a.window.setLocalState(caret(1));
      const seenOnB = () => b.window.getStates().get(a.window.clientID) as ReturnType<typeof caret> & { user: { login: string } } | undefined;
      await until(() => seenOnB() !== undefined, "A's caret on B's window");
      expect(seenOnB()!.user).toMatchObject({ login: 'gxj.wang', name: '王科长', color: '#d4380d' });
      expect(seenOnB()!.cursor).toEqual(caret(1).cursor);

      a.window.setLocalState(caret(7));
      await until(() => seenOnB()?.cursor.anchor.assoc === 7, "A's caret moving on B");
      // Only co-editors' states reach a window: A's machine's own presence state is not echoed to it.
      b.window.setLocalState(caret(3));
      await until(() => a.window.getStates().has(b.window.clientID), "B's caret on A's window");
      const others = [...a.window.getStates()].filter(([c]) => c !== a.window.clientID).map(([, s]) => (s as { user: { login: string } }).user.login);
      expect(new Set(others)).toEqual(new Set(['gxj.li']));

      // A's window closes without a goodbye (crash): releasing the record removes its caret too.
      a.hub.close(id, 'w1');
      await until(() => seenOnB() === undefined, "A's caret leaving B's window");
    } finally {
      for (const m of [a, b]) stop(m);
    }
  });

  it('keeps the caret across a reconnect: it is sent again when the engine is back', async () => {
    const { a, b } = await twoEditing('carets-2');
    try {
      a.window.setLocalState({ user: { name: '王科长', color: '#389e0d' }, cursor: null });
      await until(() => b.window.getStates().has(a.window.clientID), "A's caret on B");
      a.engine.stop();
      await until(() => !b.window.getStates().has(a.window.clientID), 'the server dropping A with its connection');
      a.engine.start();
      await until(() => b.window.getStates().has(a.window.clientID), "A's caret on B again after A reconnects");
      expect((b.window.getStates().get(a.window.clientID) as { user: { color: string } }).user.color).toBe('#389e0d');
    } finally {
      for (const m of [a, b]) stop(m);
    }
  });
});
