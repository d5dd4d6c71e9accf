import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isValidDocName } from './doc-name';
import { readWireEvents, writeWireEvents, type WireEvent } from './event-wire';

/**
 * The changes feed: every committed update gets a server-wide sequence number, and so does every
 * access change. A client that has fully applied everything up to `since` asks for the documents
 * whose change sequence is greater, and receives, per document:
 * - `log`: exactly the stored updates with a greater sequence number (minus the client's own),
 *   so catching up costs what changed, not what exists;
 * - `state`: the document's whole stored state (snapshot plus tail), when the client may lack
 *   older history (new access, a pruned log, or a full listing).
 * Each entry also carries the record's workflow events (event-wire.ts) appended after `since`
 * (`log`), or all of them (`state`); a client applies them before the updates, so a record new to
 * it arrives with its `create` event first.
 * Documents are named by a small numeric id; the name is included when the client may not know
 * the id yet. `revoked` names documents this user has lost access to since `since`.
 * A `full` listing (since = 0, or the user's own units or role changed) lists every document the
 * user may see; once all its pages are applied, local documents not listed are no longer visible.
 */
export type FeedMode = 'log' | 'state';

export interface FeedEntry {
  id: number;
  name: string | null;
  mode: FeedMode;
  updates: Uint8Array[];
  /** The record's events after `since` (all of them in `state` mode), in the record's order. */
  events: WireEvent[];
}

export interface FeedPage {
  /** Everything with a change sequence ≤ upTo is covered by this and the earlier pages. */
  upTo: number;
  /** The server's newest sequence number when the page was read. */
  head: number;
  more: boolean;
  full: boolean;
  entries: FeedEntry[];
  revoked: string[];
}

export const MAX_FEED_LIMIT = 1000;

export function encodeFeedPage(e: encoding.Encoder, page: FeedPage): void {
  encoding.writeVarUint(e, page.upTo);
  encoding.writeVarUint(e, page.head);
  encoding.writeVarUint(e, (page.more ? 1 : 0) | (page.full ? 2 : 0));
  encoding.writeVarUint(e, page.entries.length);
  for (const entry of page.entries) {
    encoding.writeVarUint(e, entry.id);
    encoding.writeVarUint(e, (entry.mode === 'state' ? 1 : 0) | (entry.name !== null ? 2 : 0));
    if (entry.name !== null) encoding.writeVarString(e, entry.name);
    encoding.writeVarUint(e, entry.updates.length);
    for (const update of entry.updates) encoding.writeVarUint8Array(e, update);
    writeWireEvents(e, entry.events);
  }
  encoding.writeVarUint(e, page.revoked.length);
  for (const name of page.revoked) encoding.writeVarString(e, name);
}

export function decodeFeedPage(d: decoding.Decoder): FeedPage {
  const upTo = decoding.readVarUint(d);
  const head = decoding.readVarUint(d);
  const flags = decoding.readVarUint(d);
  const count = decoding.readVarUint(d);
  const entries: FeedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(d);
    const bits = decoding.readVarUint(d);
    const name = bits & 2 ? checkedName(decoding.readVarString(d)) : null;
    const n = decoding.readVarUint(d);
    const updates: Uint8Array[] = [];
    for (let j = 0; j < n; j++) updates.push(decoding.readVarUint8Array(d));
    entries.push({ id, name, mode: bits & 1 ? 'state' : 'log', updates, events: readWireEvents(d) });
  }
  const revokedCount = decoding.readVarUint(d);
  const revoked: string[] = [];
  for (let i = 0; i < revokedCount; i++) revoked.push(checkedName(decoding.readVarString(d)));
  return { upTo, head, more: (flags & 1) !== 0, full: (flags & 2) !== 0, entries, revoked };
}

function checkedName(name: string): string {
  if (!isValidDocName(name)) throw new Error('invalid document name in feed');
  return name;
}
