import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedFrame } from '../../core/sync/mux';

/**
 * Awareness (presence) of one document, kept by the server so that a newcomer learns who is
 * there and a departed connection's states are removed. Unlike a plain relay, each awareness
 * client id belongs to the connection that first used it: nobody can overwrite or remove another
 * person's presence. States must be valid JSON (clients JSON.parse them) and are relayed as sent.
 */
export const PRESENCE_TIMEOUT_MS = 30_000;

interface Entry<Owner> {
  clock: number;
  state: string;
  owner: Owner;
  updatedAt: number;
}

export class Presence<Owner> {
  private readonly entries = new Map<number, Entry<Owner>>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  /** Applies an awareness update from `owner`; returns what to broadcast (accepted entries only). */
  apply(update: Uint8Array, owner: Owner): Uint8Array | null {
    const accepted: Array<[number, number, string]> = [];
    try {
      const d = decoding.createDecoder(update);
      const count = decoding.readVarUint(d);
      for (let i = 0; i < count; i++) {
        const client = decoding.readVarUint(d);
        const clock = decoding.readVarUint(d);
        const state = decoding.readVarString(d);
        JSON.parse(state);
        const current = this.entries.get(client);
        if (current && current.owner !== owner) continue;
        // The y-protocols rule: a state must be newer than the one known (a client's first
        // state has clock 0 and is not sent around, exactly as the stock server does).
        const known = current?.clock ?? 0;
        if (!(known < clock || (current && known === clock && state === 'null'))) continue;
        if (state === 'null') this.entries.delete(client);
        else this.entries.set(client, { clock, state, owner, updatedAt: this.now() });
        accepted.push([client, clock, state]);
      }
      if (decoding.hasContent(d)) throw new Error('trailing bytes');
    } catch (err) {
      throw new MalformedFrame(`awareness: ${err instanceof Error ? err.message : String(err)}`);
    }
    return accepted.length > 0 ? encodeEntries(accepted) : null;
  }

  /** Removes every state `owner` set (its connection left); returns the removal to broadcast. */
  removeOwner(owner: Owner): Uint8Array | null {
    const removed: Array<[number, number, string]> = [];
    for (const [client, entry] of this.entries) {
      if (entry.owner !== owner) continue;
      this.entries.delete(client);
      removed.push([client, entry.clock + 1, 'null']);
    }
    return removed.length > 0 ? encodeEntries(removed) : null;
  }

  /** Drops states not refreshed within the timeout (clients refresh every 15 s). */
  sweep(): Uint8Array | null {
    const cutoff = this.now() - PRESENCE_TIMEOUT_MS;
    const removed: Array<[number, number, string]> = [];
    for (const [client, entry] of this.entries) {
      if (entry.updatedAt >= cutoff) continue;
      this.entries.delete(client);
      removed.push([client, entry.clock + 1, 'null']);
    }
    return removed.length > 0 ? encodeEntries(removed) : null;
  }

  /** All current states, for a newcomer or a query-awareness message. */
  encodeAll(): Uint8Array | null {
    if (this.entries.size === 0) return null;
    return encodeEntries([...this.entries].map(([client, e]) => [client, e.clock, e.state]));
  }
}

function encodeEntries(entries: Array<[number, number, string]>): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock, state] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    }
  });
}
