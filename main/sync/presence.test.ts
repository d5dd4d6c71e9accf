import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { PresenceHub, VIEWER_TTL_MS, type PresenceEngine } from './presence';

/** A fake server relaying awareness between the hubs' engines, as the sync server does per record. */
function relay() {
  const watching = new Map<string, Set<awarenessProtocol.Awareness>>();
  const engine: PresenceEngine = {
    watch(id, awareness) {
      const set = watching.get(id) ?? new Set();
      watching.set(id, set);
      const forward = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === 'server') return;
        const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
        for (const other of set) if (other !== awareness) awarenessProtocol.applyAwarenessUpdate(other, update, 'server');
      };
      for (const other of set) awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]), 'server');
      set.add(awareness);
      awareness.on('update', forward);
      forward({ added: [awareness.clientID], updated: [], removed: [] }, 'local');
      return () => {
        awareness.off('update', forward);
        set.delete(awareness);
      };
    },
  };
  return engine;
}

const hubs: PresenceHub[] = [];
afterEach(() => hubs.splice(0).forEach((h) => h.close()));

describe('PresenceHub', () => {
  it('reports who else views a record, once per person, and forgets windows that leave or fall silent', () => {
    let now = 0;
    const engine = relay();
    const events: Array<[string, string[]]> = [];
    const zhang = new PresenceHub({ login: 'zhang', name: '张三', unit: '市工信局' }, (id, users) => events.push([id, users.map((u) => u.login)]), () => now);
    const li = new PresenceHub({ login: 'li', name: '李四', unit: '市工信局' }, () => {}, () => now);
    hubs.push(zhang, li);
    zhang.attach(engine);
    li.attach(engine);

    expect(zhang.view('w1', 'rec-1')).toEqual([]);
    expect(li.view('w2', 'rec-1')).toEqual([{ login: 'zhang', name: '张三', unit: '市工信局' }]);
    expect(zhang.users('rec-1').map((u) => u.login)).toEqual(['li']);
    expect(events).toContainEqual(['rec-1', ['li']]);
    // Two windows of 李四 on the same record are one person; one leaving keeps him there.
    li.view('w3', 'rec-1');
    li.view('w2', null);
    expect(zhang.users('rec-1').map((u) => u.login)).toEqual(['li']);
    // The last window falls silent: forgotten after the TTL, and 张三 is told.
    now += VIEWER_TTL_MS + 1;
    zhang.view('w1', 'rec-1');
    li.expire();
    expect(zhang.users('rec-1')).toEqual([]);
    expect(events.at(-1)).toEqual(['rec-1', []]);
  });
});
