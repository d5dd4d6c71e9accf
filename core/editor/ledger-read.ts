import * as Y from 'yjs';
import { decodeEntry, type LedgerEntry } from './ledger-entry';

/**
 * The entry stored under `tag`, checked, or null. Besides its form (decodeEntry): a `copy` may name
 * as copies only characters its writer (the Yjs client of the map entry) wrote, and only of
 * originals that are deleted here (a move deletes what it copies, in an update that comes first);
 * a `known` entry names only its writer. So a colleague cannot make other replicas take a live text
 * for a moved copy and remove it (dedupe) under their own names.
 */
export function readEntry(ledger: Y.Map<unknown>, tag: string): LedgerEntry | null {
  const e = decodeEntry(ledger.get(tag));
  if (!e) return null;
  const writer = (ledger as unknown as { _map: Map<string, Y.Item> })._map.get(tag)?.id.client;
  if (e.k === 'known' && e.c !== writer) return null;
  if (e.k === 'copy') {
    for (let i = 0; i < e.r.length; i += 3) if (e.r[i] !== writer) return null;
    const doc = ledger.doc;
    if (!doc) return null;
    for (let i = 0; i < e.s.length; i += 3) for (let n = 0; n < e.s[i + 2]!; n++) if (!deletedHere(doc, e.s[i]!, e.s[i + 1]! + n)) return null;
  }
  return e;
}

/** Every checked entry of a stored ledger. */
export function* readLedger(ledger: Y.Map<unknown>): Generator<[string, LedgerEntry]> {
  for (const tag of ledger.keys()) {
    const e = readEntry(ledger, tag);
    if (e) yield [tag, e];
  }
}

function deletedHere(doc: Y.Doc, client: number, clock: number): boolean {
  const structs = doc.store.clients.get(client);
  if (!structs || Y.getState(doc.store, client) <= clock) return false;
  return structs[Y.findIndexSS(structs, clock)]!.deleted;
}
