import * as Y from 'yjs';
import { eventsOf, fieldsOf } from '../core/records/record-doc';

/**
 * What an incoming update does to a record's `events` and `fields.kind`, for the signed-event
 * check (signed-events.ts). Two steps:
 *
 * 1. Fast path, no copy of the document: `mayAddEvents` (a byte scan: every well-formed event has
 *    an `actor` key) and `mayTouchKind` (decodes only the update and looks at which map keys its
 *    items land on). Ordinary body and field edits pass both and are not examined further.
 * 2. `applyToCopy`: the document, then the updates accepted but not applied yet (in flight, see
 *    event-log.ts), then the update, on a copy: the kind before and after, the events it adds and
 *    the events already there.
 */
export const KIND_KEY = 'kind';

const enc = new TextEncoder();
const ACTOR = enc.encode('actor');

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether the update could add an event at all (cheap byte scan). */
export const mayAddEvents = (update: Uint8Array): boolean => contains(update, ACTOR);

type Struct = Y.Item | Y.GC;
export type Decoded = ReturnType<typeof Y.decodeUpdate>;

/**
 * Whether applying the update could set, change or remove `fields.kind`; true whenever that cannot
 * be told without applying it. A byte scan for "kind" is not enough: an item overwriting a map key
 * names its predecessor (origin), not the key, so the key is found by following origins into the
 * document, the update itself and the updates in flight — the way Yjs integrates the item.
 */
export function mayTouchKind(doc: Y.Doc, update: Decoded, inFlight: readonly Decoded[]): boolean {
  // Pending parts of the document may integrate along with this update: only a copy tells.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return true;
  const current = fieldsOf(doc)._map.get(KIND_KEY);
  for (const [client, ranges] of update.ds.clients) {
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (!(len > 0)) continue;
      // Deletes what the document does not have yet (in flight, or nobody's): cannot tell cheaply.
      if (clock + len > state) return true;
      if (current && !current.deleted && current.id.client === client && clock <= current.id.clock && current.id.clock < clock + len) return true;
    }
  }
  const keys = new KeyResolver(doc, [update, ...inFlight]);
  return update.structs.some((s) => s instanceof Y.Item && keys.mayBeKind(s));
}

/** Finds the map key an item lands on, as Yjs does (Item.getMissing): its own, else its origin's. */
class KeyResolver {
  private readonly memo = new Map<Struct, boolean>();
  private index: Map<number, Struct[]>[] | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly sources: readonly Decoded[],
  ) {}

  /** Built only when an origin lies beyond the document (most edits build on what it has). */
  private indexed(): Map<number, Struct[]>[] {
    return (this.index ??= this.sources.map((d) => {
      const byClient = new Map<number, Struct[]>();
      for (const s of d.structs) {
        if (s instanceof Y.Skip) continue;
        const list = byClient.get(s.id.client);
        if (list) list.push(s);
        else byClient.set(s.id.client, [s]);
      }
      for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
      return byClient;
    }));
  }

  /** True when the item is (or may be) a value of a `kind` key; false when it surely is not. */
  mayBeKind(item: Y.Item): boolean {
    const chain: Struct[] = [];
    let result = true; // unknown until proven otherwise
    for (let cur: Struct | null = item; cur; ) {
      const known = this.memo.get(cur);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (chain.includes(cur)) break; // a cycle of origins never integrates: unknown
      chain.push(cur);
      if (cur instanceof Y.GC) {
        result = false; // an item next to a collected one is collected too
        break;
      }
      if (cur.parentSub !== null) {
        result = cur.parentSub === KIND_KEY;
        break;
      }
      if (cur.parent !== null) {
        result = false; // a sequence item (array, text), not a map value
        break;
      }
      const ref: Y.ID | null = cur.origin ?? cur.rightOrigin;
      cur = ref ? this.find(ref) : null;
    }
    for (const c of chain) this.memo.set(c, result);
    return result;
  }

  private find(id: Y.ID): Struct | null {
    const structs = this.doc.store.clients.get(id.client) as Struct[] | undefined;
    if (structs && id.clock < Y.getState(this.doc.store, id.client)) return structs[Y.findIndexSS(structs, id.clock)] ?? null;
    for (const byClient of this.indexed()) {
      const list = byClient.get(id.client);
      if (!list) continue;
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = list[mid]!;
        if (s.id.clock > id.clock) hi = mid - 1;
        else if (s.id.clock + s.length <= id.clock) lo = mid + 1;
        else return s;
      }
    }
    return null;
  }
}

export interface UpdateEffects {
  kindBefore: unknown;
  kindAfter: unknown;
  /** Entries the update adds to the events array (live after it, new to the server). */
  added: unknown[];
  /** Entries that were there before (the document and the updates in flight). */
  existing: unknown[];
  /** Part of the update depends on items the server does not have, so is not integrated yet. */
  pending: boolean;
}

/** Applies the in-flight updates, then `update`, to a copy of `doc`. Throws when it does not apply. */
export function applyToCopy(doc: Y.Doc, update: Uint8Array, decoded: Decoded, inFlight: readonly Uint8Array[]): UpdateEffects {
  const copy = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    for (const u of inFlight) {
      try {
        Y.applyUpdate(copy, u);
      } catch {
        // Accepted but not decodable: adds nothing (the write path refused it anyway).
      }
    }
    const kindBefore = plain(fieldsOf(copy).get(KIND_KEY));
    const sv = Y.decodeStateVector(Y.encodeStateVector(copy));
    Y.applyUpdate(copy, update);
    const added: unknown[] = [];
    const existing: unknown[] = [];
    for (let item = eventsOf(copy)._start; item !== null; item = item.right) {
      if (item.deleted || !item.countable) continue;
      const known = sv.get(item.id.client) ?? 0;
      const values = item.content.getContent();
      const split = Math.max(0, Math.min(values.length, known - item.id.clock));
      existing.push(...values.slice(0, split));
      added.push(...values.slice(split));
    }
    const pending = decoded.structs.some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > Y.getState(copy.store, s.id.client));
    return { kindBefore, kindAfter: plain(fieldsOf(copy).get(KIND_KEY)), added, existing, pending };
  } finally {
    copy.destroy();
  }
}

/** A kind as a comparable value (a Y type by its JSON). */
const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? JSON.stringify(v.toJSON()) : v);
