import * as Y from 'yjs';
import type { DeleteIndex } from './delete-index';

/**
 * Classifies an incoming update before anything is stored, in O(size of the update) (the stored
 * deletions are looked up by binary search; nothing of the document is copied or encoded):
 * - `invalid`: it does not decode (the frame is malformed; the connection is closed);
 * - `noop`: everything in it is already stored (every struct below the document's state vector,
 *   every deletion in the stored deletions). The stock client answers each sync step 1 with its
 *   whole delete set, so without this check every answer would be logged again;
 * - `new`: it adds something and must be committed (or refused).
 *
 * It also says whether the update builds only on ids the server has seen — stored, in flight
 * (accepted, not yet applied), or added by the update itself — since the server refuses
 * (write-rules.ts): `gap`, a struct beyond what the server has of its client (it would sit
 * pending and cost every later update), and `unseen`, a deletion of an id the server has never
 * seen (stored, it would silently delete that client's future items: issue 9, item 4).
 */
export type UpdateKind = 'invalid' | 'noop' | 'new';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export interface CheckedUpdate {
  kind: UpdateKind;
  /** The update's delete set, added to the stored deletions once committed. */
  ds: DeleteSet | null;
  /** Per client, the end of the ids the update adds (what the room has seen once it is accepted). */
  ends: Map<number, number>;
  gap: boolean;
  unseen: boolean;
}

/** What the room has seen of each client: stored and integrated (`sv`), or in flight. */
export interface SeenIds {
  /** The end of the ids of `client` the document holds, integrated (its state vector entry). */
  stored(client: number): number;
  inFlightEnd(client: number): number;
  deletions(): DeleteIndex;
}

const INVALID: CheckedUpdate = { kind: 'invalid', ds: null, ends: new Map(), gap: false, unseen: false };

export function checkUpdate(update: Uint8Array, seen: SeenIds): CheckedUpdate {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return INVALID;
  }
  const seenEnd = (client: number) => Math.max(seen.stored(client), seen.inFlightEnd(client));
  const ends = new Map<number, number>();
  let adds = false;
  let gap = false;
  // Structs come per client in ascending clock order; Skip structs are holes the update leaves.
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const client = struct.id.client;
    const end = ends.get(client) ?? seenEnd(client);
    if (struct.id.clock > end) gap = true;
    ends.set(client, Math.max(end, struct.id.clock + struct.length));
    if (struct.id.clock + struct.length > seen.stored(client)) adds = true;
  }
  const ds = decoded.ds;
  let unseen = false;
  let newDeletion = false;
  for (const [client, items] of ds.clients) {
    const limit = ends.get(client) ?? seenEnd(client);
    for (const item of items) {
      if (item.len <= 0) continue;
      if (item.clock + item.len > limit) unseen = true;
      else if (!adds && !newDeletion && !seen.deletions().covers(client, item.clock, item.len)) newDeletion = true;
    }
  }
  const kind: UpdateKind = adds || newDeletion || unseen ? 'new' : 'noop';
  return { kind, ds, ends, gap, unseen };
}

export type { DeleteSet };
