import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeAwareness, type AwarenessEntry } from './presence';
import { PRESENCE_RATE, PresenceInput } from './presence-input';
import { AREAS } from '../../core/areas';
import { RecordLog } from '../events/record-log';
import { Room, type RoomMember } from './room';

afterEach(() => vi.useRealTimers());

describe('PresenceInput (rate of one session)', () => {
  it('applies up to the burst at once, then coalesces to the newest state per id, which still arrives', () => {
    vi.useFakeTimers();
    const room = new Room('d', new RecordLog('d', AREAS), { docId: null, seq: 0, tailCount: 0, tailBytes: 0 });
    const relayed: Uint8Array[] = [];
    const watcher: RoomMember = { deliver: (m) => relayed.push(m), deliverEvents: () => {}, recheck: () => {} };
    const sender: RoomMember = { deliver: () => {}, deliverEvents: () => {}, recheck: () => {} };
    room.join(watcher);
    room.join(sender);
    const input = new PresenceInput(room, sender, () => ({ login: 'zhang', name: '张三', units: ['市工信局'] }), { used: 0, max: 64 }, Date.now, 100, (err) => {
      throw err;
    });
    const state = (clock: number): AwarenessEntry[] => [[7, clock, JSON.stringify({ cursor: clock })]];
    const total = PRESENCE_RATE.burst + 50;
    for (let clock = 1; clock <= total; clock++) input.submit(state(clock));
    expect(relayed.length).toBe(PRESENCE_RATE.burst);
    vi.advanceTimersByTime(1000);
    // The 50 over the burst became one relay, carrying the last state.
    expect(relayed.length).toBe(PRESENCE_RATE.burst + 1);
    const d = decoding.createDecoder(relayed[relayed.length - 1]!);
    decoding.readVarUint(d);
    const last = decodeAwareness(decoding.readVarUint8Array(d));
    expect(last.map(([id, clock]) => [id, clock])).toEqual([[7, total]]);
    input.close();
    room.destroy();
  });
});
