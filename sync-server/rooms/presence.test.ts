import * as awareness from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MalformedFrame } from '../../core/sync/mux';
import { decodeAwareness, Presence, type PresenceIdentity } from './presence';

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

const zhang: PresenceIdentity = { login: 'zhang', name: '张三', units: ['市工信局', '市大数据局'] };
const apply = (p: Presence<string>, u: Uint8Array, owner: string, who = zhang) => p.apply(decodeAwareness(u), owner, who);

/** The states a broadcast carries, parsed. */
function states(message: Uint8Array | null): Array<Record<string, unknown>> {
  if (!message) return [];
  const d = decoding.createDecoder(message);
  const n = decoding.readVarUint(d);
  return Array.from({ length: n }, () => {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    return JSON.parse(decoding.readVarString(d)) as Record<string, unknown>;
  });
}

describe('presence', () => {
  it('keeps each awareness id with the connection that set it', () => {
    const p = new Presence<string>();
    expect(apply(p, update(1, { name: '甲' }), 'conn-a')).not.toBeNull();
    // Another connection cannot overwrite or clear it.
    expect(apply(p, update(1, { name: '冒充' }, 5), 'conn-b')).toBeNull();
    expect(p.size).toBe(1);
    expect(p.removeOwner('conn-b')).toBeNull();
    expect(p.removeOwner('conn-a')).not.toBeNull();
    expect(p.size).toBe(0);
  });

  it('refuses states that are not JSON', () => {
    const p = new Presence<string>();
    const bad = Uint8Array.from([1, 7, 1, 3, 0x7b, 0x22, 0x61]);
    expect(() => apply(p, bad, 'x')).toThrow(MalformedFrame);
  });

  it('attributes every state to the authenticated account, keeping the other fields', () => {
    const p = new Presence<string>();
    const sent = apply(p, update(1, { user: { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', color: '#c00' }, cursor: { anchor: 3 } }), 'conn-a');
    expect(states(sent)).toEqual([{ user: { login: 'zhang', name: '张三', unit: '市工信局', color: '#c00' }, cursor: { anchor: 3 } }]);
    // A unit of the account is kept; a state without a user gets one.
    expect(states(apply(p, update(1, { user: { unit: '市大数据局' } }, 2), 'conn-a'))[0]!.user).toEqual({ login: 'zhang', name: '张三', unit: '市大数据局' });
    expect(states(apply(p, update(2, { cursor: null }), 'conn-a'))[0]!.user).toEqual({ login: 'zhang', name: '张三', unit: '市工信局' });
    expect(states(p.encodeAll()).every((s) => (s.user as { login: string }).login === 'zhang')).toBe(true);
    // States that are not objects are not kept.
    expect(apply(p, update(3, 42), 'conn-a')).toBeNull();
  });

  it('caps entries per connection, per document, per connection budget, and state size', () => {
    const p = new Presence<string>(Date.now, { perOwner: 2, perDoc: 3, stateBytes: 100, entriesPerMessage: 10 });
    for (let id = 1; id <= 5; id++) apply(p, update(id, { n: id }), 'a');
    expect(p.size).toBe(2);
    for (let id = 11; id <= 15; id++) apply(p, update(id, { n: id }), 'b');
    expect(p.size).toBe(3);
    // Removing one's own frees room.
    expect(apply(p, update(1, null, 2), 'a')).not.toBeNull();
    expect(apply(p, update(21, { n: 21 }), 'c')).not.toBeNull();
    expect(apply(p, update(22, { pad: 'x'.repeat(200) }), 'd')).toBeNull();
    const budget = { used: 0, max: 1 };
    const q = new Presence<string>();
    q.apply(decodeAwareness(update(1, {})), 'a', zhang, budget);
    q.apply(decodeAwareness(update(2, {})), 'a', zhang, budget);
    expect([q.size, budget.used]).toEqual([1, 1]);
    q.removeOwner('a');
    expect(budget.used).toBe(0);
  });

  it('refuses a message naming more ids than a document can hold', () => {
    const many = new Y.Doc();
    const a = new awareness.Awareness(many);
    const ids = Array.from({ length: 11 }, (_, i) => i + 1);
    for (const id of ids) a.states.set(id, { id });
    for (const id of ids) a.meta.set(id, { clock: 1, lastUpdated: 0 });
    const message = awareness.encodeAwarenessUpdate(a, ids);
    a.destroy();
    expect(() => decodeAwareness(message, { perOwner: 2, perDoc: 3, stateBytes: 100, entriesPerMessage: 10 })).toThrow(MalformedFrame);
  });
});
