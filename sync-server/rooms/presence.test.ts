import * as awareness from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MalformedFrame } from '../../core/sync/mux';
import { Presence } from './presence';

function update(clientId: number, state: unknown, clock = 1): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const a = new awareness.Awareness(doc);
  for (let i = 1; i < clock; i++) a.setLocalState({ i });
  a.setLocalState(state as Record<string, unknown>);
  const out = awareness.encodeAwarenessUpdate(a, [clientId]);
  a.destroy();
  return out;
}

describe('presence', () => {
  it('keeps each awareness id with the connection that set it', () => {
    const p = new Presence<string>();
    expect(p.apply(update(1, { name: '甲' }), 'conn-a')).not.toBeNull();
    // Another connection cannot overwrite or clear it.
    expect(p.apply(update(1, { name: '冒充' }, 5), 'conn-b')).toBeNull();
    expect(p.size).toBe(1);
    expect(p.removeOwner('conn-b')).toBeNull();
    expect(p.removeOwner('conn-a')).not.toBeNull();
    expect(p.size).toBe(0);
  });

  it('refuses states that are not JSON', () => {
    const p = new Presence<string>();
    const bad = Uint8Array.from([1, 7, 1, 3, 0x7b, 0x22, 0x61]);
    expect(() => p.apply(bad, 'x')).toThrow(MalformedFrame);
  });
});
