import * as Y from 'yjs';

/**
 * The `events` array of a record is append-only (record-doc.ts): workflow state is a pure
 * function of it, so deleting an entry rewrites history. `checkAppendOnly` tells whether an
 * incoming update would delete anything in it — an entry directly, or content nested inside an
 * entry should one be a Y type (the app stores plain JSON, but another client may not).
 *
 * Yjs lets a deletion arrive before the item it deletes (the document keeps it pending and applies
 * it when the item comes): the app's engine does send a live edit before the diff it depends on
 * right after reconnecting. So a deletion of an item nobody has yet is accepted, and the update
 * that later brings an event already deleted that way is the one refused. The same goes for an
 * event added and deleted in one update: it never reaches the log (and would escape the signature
 * check, which reads only live entries).
 *
 * It lives in core (pure, Yjs only) so the app can run the same rule on what it is about to push;
 * the sync server (sync-server/event-log.ts) refuses such updates.
 *
 * Cost: an update without deletions, on a document with no deletion pending, needs no work.
 * Otherwise the deleted id ranges are intersected with the ids of the live entries of the events
 * array (one walk of that array, a binary search per range; the body is never walked, nothing is
 * encoded or copied). Only deletions beyond the document's state — of items the update itself or
 * an update still in flight (`inFlight`) adds, or pending ones — need the updates' structs decoded.
 */
export type AppendOnlyVerdict =
  | { ok: true }
  /** `deletes-event`: an entry (or nested content) of the events array would end up deleted.
   *  `invalid`: the update does not decode. */
  | { ok: false; reason: 'deletes-event' | 'invalid'; id?: { client: number; clock: number } };

export const EVENTS_KEY = 'events';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type Struct = Y.Item | Y.GC;
type Decoded = ReturnType<typeof Y.decodeUpdate>;

export interface AppendOnlyOptions {
  /** The update's delete set if the caller decoded it already (saves decoding it again). */
  ds?: DeleteSet;
  /** Updates accepted before this one and applied before it, but not applied to `doc` yet. */
  inFlight?: readonly Uint8Array[];
}

const OK: AppendOnlyVerdict = { ok: true };

export function checkAppendOnly(doc: Y.Doc, update: Uint8Array, opts: AppendOnlyOptions = {}): AppendOnlyVerdict {
  let decoded: Decoded | null = null;
  let ds = opts.ds;
  if (!ds) {
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    ds = decoded.ds;
  }
  const inFlight = (opts.inFlight ?? []).map((u) => decodeCached(u)).filter((d): d is Decoded => d !== null);
  const pendingDs = doc.store.pendingDs ? (decodeCached(doc.store.pendingDs, true)?.ds ?? null) : null;
  if (ds.clients.size === 0 && !pendingDs && inFlight.every((d) => d.ds.clients.size === 0)) return OK;
  const root = doc.share.get(EVENTS_KEY) ?? null;

  // Deletions of items the document has: intersect them with the live entries of the events
  // array (a few hundred items, whatever the size or history of the body).
  const live = liveEventItems(root);
  const beyond: Range[] = [];
  for (const [client, ranges] of ds.clients) {
    const state = stateOf(doc.store.clients.get(client) as Struct[] | undefined);
    const items = live.get(client);
    for (const { clock, len } of ranges) {
      if (!(len > 0)) continue;
      const end = clock + len;
      const hit = items ? firstOverlap(items, clock, Math.min(end, state)) : null;
      if (hit !== null) return deletes(Y.createID(client, hit));
      if (end > state) beyond.push({ client, clock: Math.max(clock, state), end });
    }
  }
  // Deletions waiting for their items: the document's pending ones and those of updates in flight.
  for (const other of [...(pendingDs ? [pendingDs] : []), ...inFlight.map((d) => d.ds)]) {
    for (const [client, ranges] of other.clients) {
      const state = stateOf(doc.store.clients.get(client) as Struct[] | undefined);
      for (const { clock, len } of ranges) if (clock + len > state && len > 0) beyond.push({ client, clock: Math.max(clock, state), end: clock + len });
    }
  }
  if (beyond.length === 0) return OK;

  // Items beyond the document's state: the update's own, those in flight, those the document
  // holds but could not integrate yet (missing dependencies). A deletion meeting one of them that
  // lands in the events array is refused; one meeting nothing stays pending, judged when it meets.
  try {
    decoded ??= Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const sources = inFlight.map((d) => new StructIndex(d.structs));
  const pending = doc.store.pendingStructs as { update: Uint8Array } | null;
  const pendingStructs = pending ? decodeCached(pending.update, true) : null;
  if (pendingStructs) sources.push(new StructIndex(pendingStructs.structs));
  sources.push(new StructIndex(decoded.structs));
  const resolver = new Resolver(doc, root, sources);
  for (const { client, clock, end } of beyond) {
    for (let c = clock; c < end; ) {
      const s = resolver.added(client, c);
      if (!s) {
        c = resolver.nextStart(client, c);
        continue;
      }
      // Unknown (an origin nobody has yet): Yjs cannot integrate it either; judged once it can.
      if (s instanceof Y.Item && resolver.inEvents(s) === true) return deletes(Y.createID(client, Math.max(c, s.id.clock)));
      c = s.id.clock + s.length;
    }
  }
  return OK;
}

type Range = { client: number; clock: number; end: number };
type Span = { clock: number; end: number };

/**
 * Id ranges of the live (not deleted) items of the events array and of everything nested in them,
 * per client, sorted. Deleted ones are left out: deleting them again is no change.
 */
function liveEventItems(root: unknown): Map<number, Span[]> {
  const out = new Map<number, Span[]>();
  if (!(root instanceof Y.AbstractType)) return out;
  const types: unknown[] = [root];
  for (let t = types.pop(); t instanceof Y.AbstractType; t = types.pop()) {
    const items: Y.Item[] = [...(t._map.values() as Iterable<Y.Item>)];
    for (let item: Y.Item | null = t._start; item; item = item.right) items.push(item);
    for (const item of items) {
      if (item.deleted) continue;
      const list = out.get(item.id.client);
      const span = { clock: item.id.clock, end: item.id.clock + item.length };
      if (list) list.push(span);
      else out.set(item.id.client, [span]);
      if (item.content instanceof Y.ContentType) types.push(item.content.type);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.clock - b.clock);
  return out;
}

/** The first clock in [clock, end) that one of the sorted, disjoint spans holds; null if none. */
function firstOverlap(spans: Span[], clock: number, end: number): number | null {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= clock) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s && s.clock < end ? Math.max(s.clock, clock) : null;
}

const stateOf = (structs: Struct[] | undefined): number => {
  const last = structs?.[structs.length - 1];
  return last ? last.id.clock + last.length : 0;
};

/** Updates in flight (and the document's pending parts) are read for every later update: decode each once. */
const decodedCache = new WeakMap<Uint8Array, Decoded | null>();
function decodeCached(update: Uint8Array, v2 = false): Decoded | null {
  let d = decodedCache.get(update);
  if (d === undefined) {
    try {
      d = v2 ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update);
    } catch {
      d = null; // an accepted update that does not decode adds and deletes nothing
    }
    decodedCache.set(update, d);
  }
  return d;
}

const deletes = (id: Y.ID): AppendOnlyVerdict => ({ ok: false, reason: 'deletes-event', id: { client: id.client, clock: id.clock } });

/** Whether a type of the document is the events array or lies inside one of its entries. */
function typeInEvents(type: unknown, root: unknown): boolean {
  let t = type;
  while (root && t instanceof Y.AbstractType) {
    if (t === root) return true;
    t = t._item?.parent; // a root type has no item
  }
  return false;
}

/** One decoded update's structs per client, sorted by clock, for lookup by id. */
class StructIndex {
  private readonly byClient = new Map<number, Struct[]>();

  constructor(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>) {
    for (const s of structs) {
      if (s instanceof Y.Skip) continue;
      const list = this.byClient.get(s.id.client);
      if (list) list.push(s);
      else this.byClient.set(s.id.client, [s]);
    }
    // A well-formed update lists each client's structs in order; a crafted one may not.
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  find(client: number, clock: number): Struct | null {
    const list = this.byClient.get(client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (s.id.clock > clock) hi = mid - 1;
      else if (s.id.clock + s.length <= clock) lo = mid + 1;
      else return s;
    }
    return null;
  }

  /** The first clock at or after `clock` where a struct of `client` starts (Infinity: none). */
  nextStart(client: number, clock: number): number {
    for (const s of this.byClient.get(client) ?? []) if (s.id.clock > clock) return s.id.clock;
    return Infinity;
  }
}

/**
 * Finds where an item will live once integrated, the way Yjs does (Item.getMissing): under the
 * parent it names (a root type by key, or a type by its item's id), else beside its left or
 * right origin. Chains through the updates' own structs are followed iteratively (no recursion
 * depth to exhaust) and memoised.
 */
class Resolver {
  private readonly memo = new Map<Y.Item, boolean | null>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly root: unknown,
    private readonly sources: readonly StructIndex[],
  ) {}

  added(client: number, clock: number): Struct | null {
    for (const source of this.sources) {
      const s = source.find(client, clock);
      if (s) return s;
    }
    return null;
  }

  nextStart(client: number, clock: number): number {
    return Math.min(...this.sources.map((s) => s.nextStart(client, clock)));
  }

  /** The document's struct at `id`, else one of the updates'; null: nobody has it. */
  private lookup(id: Y.ID): { inDoc: boolean; struct: Struct } | null {
    const structs = this.doc.store.clients.get(id.client) as Struct[] | undefined;
    const last = structs?.[structs.length - 1];
    if (structs && last && id.clock < last.id.clock + last.length) return { inDoc: true, struct: structs[Y.findIndexSS(structs, id.clock)]! };
    const s = this.added(id.client, id.clock);
    return s ? { inDoc: false, struct: s } : null;
  }

  /** Whether an added item lands in the events array; null when that cannot be known. */
  inEvents(item: Y.Item): boolean | null {
    const chain: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let result: boolean | null = null;
    for (let cur: Y.Item | null = item; cur; ) {
      if (this.memo.has(cur)) {
        result = this.memo.get(cur)!;
        break;
      }
      if (seen.has(cur)) break; // a cycle of origins never integrates: unknown
      seen.add(cur);
      chain.push(cur);
      const parent = cur.parent as unknown;
      if (typeof parent === 'string') {
        result = parent === EVENTS_KEY;
        break;
      }
      // A child of a nested type: it is in the events array exactly when the type's item is.
      // An item without parent info sits beside its origin, so it shares the origin's parent.
      const ref: Y.ID | null = parent instanceof Y.ID ? parent : (cur.origin ?? cur.rightOrigin);
      const found: { inDoc: boolean; struct: Struct } | null = ref ? this.lookup(ref) : null;
      if (!found) break;
      if (found.struct instanceof Y.GC) {
        result = false; // Yjs garbage-collects an item whose neighbour or parent is collected
        break;
      }
      if (found.inDoc) {
        result = typeInEvents(found.struct.parent, this.root);
        break;
      }
      cur = found.struct;
    }
    for (const c of chain) this.memo.set(c, result);
    return result;
  }
}
