import * as decoding from 'lib0/decoding';
import { encodeAwarenessEntries, type AwarenessEntry } from '../../core/sync/awareness-entries';
import { MalformedFrame } from '../../core/sync/mux';

/**
 * Awareness (presence) of one document, kept by the server so that a newcomer learns who is
 * there and a departed connection's states are removed (issue 9, presence):
 *
 * - each awareness client id belongs to the connection that first used it: nobody can
 *   overwrite or remove another person's presence;
 * - the server sets who a state is: `user.login`, `user.name` and `user.unit` of every state it
 *   keeps and relays are the authenticated account's (a client's own `user.unit` is kept only
 *   when it is one of the account's units), so nobody appears under another person's name,
 *   read-only users included; other fields (a caret's colour, cursor) are relayed as sent;
 * - caps: entries per connection and document (`perOwner`), per connection over all its
 *   documents (`OwnerBudget`), per document (`perDoc`), bytes per state, entries per message.
 *   Entries beyond a cap are ignored, not stored or relayed.
 */
export const PRESENCE_TIMEOUT_MS = 30_000;

export interface PresenceLimits {
  perOwner: number;
  perDoc: number;
  stateBytes: number;
  /**
   * A message may name more ids than its sender owns: the stock y-websocket client echoes every
   * state it hears of. It cannot know more than the document holds, so more than this is malformed.
   */
  entriesPerMessage: number;
}

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = { perOwner: 4, perDoc: 256, stateBytes: 8 * 1024, entriesPerMessage: 2 * 256 + 16 };

/** Entries one connection holds over all its documents (shared by its sessions). */
export interface OwnerBudget {
  used: number;
  readonly max: number;
}

/** The authenticated account a state is attributed to. */
export interface PresenceIdentity {
  login: string;
  name: string;
  units: readonly string[];
}

export type { AwarenessEntry };

interface Entry<Owner> {
  clock: number;
  state: string;
  owner: Owner;
  budget: OwnerBudget | null;
  updatedAt: number;
}

/** Decodes an awareness update (throws MalformedFrame: bad encoding, too many entries); states are parsed when applied. */
export function decodeAwareness(update: Uint8Array, limits: PresenceLimits = DEFAULT_PRESENCE_LIMITS): AwarenessEntry[] {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    if (count > limits.entriesPerMessage) throw new Error(`${count} entries`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) entries.push([decoding.readVarUint(d), decoding.readVarUint(d), decoding.readVarString(d)]);
    if (decoding.hasContent(d)) throw new Error('trailing bytes');
    return entries;
  } catch (err) {
    throw new MalformedFrame(`awareness: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export class Presence<Owner> {
  private readonly entries = new Map<number, Entry<Owner>>();
  private readonly owned = new Map<Owner, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limits: PresenceLimits = DEFAULT_PRESENCE_LIMITS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Applies entries from `owner` as `identity`; returns what to broadcast (accepted entries only).
   * Throws MalformedFrame for a state it would keep that is not JSON (clients JSON.parse every
   * state); echoes of others' states are skipped unparsed, so a flood costs little.
   */
  apply(entries: readonly AwarenessEntry[], owner: Owner, identity: PresenceIdentity, budget: OwnerBudget | null = null): Uint8Array | null {
    const accepted: AwarenessEntry[] = [];
    for (const [client, clock, raw] of entries) {
      const current = this.entries.get(client);
      // Echoes of other people's states are skipped before any parsing.
      if (current && current.owner !== owner) continue;
      // The y-protocols rule: a state must be newer than the one known (a client's first
      // state has clock 0 and is not sent around, exactly as the stock server does).
      const known = current?.clock ?? 0;
      if (!(known < clock || (current && known === clock && raw === 'null'))) continue;
      if (raw === 'null') {
        if (current) this.remove(client, current);
        accepted.push([client, clock, raw]);
        continue;
      }
      if (!current && !this.hasRoom(owner, budget)) continue;
      const state = raw.length <= this.limits.stateBytes ? attribute(raw, identity) : null;
      if (state === null) continue;
      if (current) Object.assign(current, { clock, state, updatedAt: this.now() });
      else this.add(client, { clock, state, owner, budget, updatedAt: this.now() });
      accepted.push([client, clock, state]);
    }
    return accepted.length > 0 ? encodeAwarenessEntries(accepted) : null;
  }

  /** Removes every state `owner` set (its connection left); returns the removal to broadcast. */
  removeOwner(owner: Owner): Uint8Array | null {
    return this.removeWhere((entry) => entry.owner === owner);
  }

  /** Drops states not refreshed within the timeout (clients refresh every 15 s). */
  sweep(): Uint8Array | null {
    const cutoff = this.now() - PRESENCE_TIMEOUT_MS;
    return this.removeWhere((entry) => entry.updatedAt < cutoff);
  }

  /** All current states, for a newcomer or a query-awareness message. */
  encodeAll(): Uint8Array | null {
    if (this.entries.size === 0) return null;
    return encodeAwarenessEntries([...this.entries].map(([client, e]) => [client, e.clock, e.state]));
  }

  private hasRoom(owner: Owner, budget: OwnerBudget | null): boolean {
    if (this.entries.size >= this.limits.perDoc) return false;
    if ((this.owned.get(owner) ?? 0) >= this.limits.perOwner) return false;
    return !budget || budget.used < budget.max;
  }

  private add(client: number, entry: Entry<Owner>): void {
    this.entries.set(client, entry);
    this.owned.set(entry.owner, (this.owned.get(entry.owner) ?? 0) + 1);
    if (entry.budget) entry.budget.used++;
  }

  private remove(client: number, entry: Entry<Owner>): void {
    this.entries.delete(client);
    const left = (this.owned.get(entry.owner) ?? 1) - 1;
    if (left > 0) this.owned.set(entry.owner, left);
    else this.owned.delete(entry.owner);
    if (entry.budget) entry.budget.used--;
  }

  private removeWhere(test: (entry: Entry<Owner>) => boolean): Uint8Array | null {
    const removed: AwarenessEntry[] = [];
    for (const [client, entry] of this.entries) {
      if (!test(entry)) continue;
      this.remove(client, entry);
      removed.push([client, entry.clock + 1, 'null']);
    }
    return removed.length > 0 ? encodeAwarenessEntries(removed) : null;
  }
}

/** The state with the account's identity in `user`; null unless a JSON object. */
function attribute(raw: string, identity: PresenceIdentity): string | null {
  let state: unknown;
  try {
    state = JSON.parse(raw);
  } catch {
    throw new MalformedFrame('awareness: a state that is not JSON');
  }
  if (!isObject(state)) return null;
  const claimed = isObject(state.user) ? state.user : {};
  const unit = typeof claimed.unit === 'string' && identity.units.includes(claimed.unit) ? claimed.unit : (identity.units[0] ?? '');
  return JSON.stringify({ ...state, user: { ...claimed, login: identity.login, name: identity.name, unit } });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
