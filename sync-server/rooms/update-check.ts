import * as Y from 'yjs';

/**
 * Classifies an incoming update before anything is stored:
 * - `invalid`: it does not decode (the frame is malformed; the connection is closed);
 * - `noop`: everything in it is already stored (every struct is below the document's state
 *   vector and every deletion is in the stored delete set). The stock client answers each sync
 *   step 1 with its whole delete set, so without this check every answer would be logged again;
 * - `new`: it adds something and must be committed (or refused, for a viewer).
 */
export type UpdateKind = 'invalid' | 'noop' | 'new';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteItem = { clock: number; len: number };

export interface CheckedUpdate {
  kind: UpdateKind;
  /** The update's delete set, merged into the stored one once committed. */
  ds: DeleteSet | null;
}

export function checkUpdate(update: Uint8Array, sv: Map<number, number>, storedDs: () => DeleteSet): CheckedUpdate {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { kind: 'invalid', ds: null };
  }
  const ds = decoded.ds;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (sv.get(struct.id.client) ?? 0)) return { kind: 'new', ds };
  }
  if (ds.clients.size === 0) return { kind: 'noop', ds };
  const stored = storedDs().clients;
  for (const [client, items] of ds.clients) {
    const have = stored.get(client);
    for (const item of items) {
      if (item.len > 0 && !covered(have, item.clock, item.len)) return { kind: 'new', ds };
    }
  }
  return { kind: 'noop', ds };
}

/** Whether [clock, clock+len) lies in one range of a sorted, merged delete list. */
function covered(ranges: DeleteItem[] | undefined, clock: number, len: number): boolean {
  if (!ranges) return false;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r.clock + r.len <= clock) lo = mid + 1;
    else if (r.clock > clock) hi = mid - 1;
    else return r.clock + r.len >= clock + len;
  }
  return false;
}

/** The delete set of everything stored for a loaded document (including pending deletions). */
export function deleteSetOf(doc: Y.Doc): DeleteSet {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).ds;
}

export function mergeDeleteSets(a: DeleteSet, b: DeleteSet): DeleteSet {
  return Y.mergeDeleteSets([a, b]);
}

export type { DeleteSet };
