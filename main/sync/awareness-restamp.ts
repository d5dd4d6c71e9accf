import * as decoding from 'lib0/decoding';
import { encodeAwarenessEntries, type AwarenessEntry } from '../../core/sync/awareness-entries';

/**
 * Re-encodes an awareness update with new clocks (`clockFor(client, clock)`; null drops the
 * entry). Editing windows' carets are relayed through main's own awareness of the record, whose
 * clocks must move past the server's removal of them on a reconnect (live-docs.ts), while each
 * window keeps counting from its own. Throws on a malformed update.
 */
export function restampAwareness(update: Uint8Array, clockFor: (client: number, clock: number) => number | null): Uint8Array | null {
  const d = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  for (let n = decoding.readVarUint(d); n > 0; n--) {
    const client = decoding.readVarUint(d);
    const clock = clockFor(client, decoding.readVarUint(d));
    const state = decoding.readVarString(d);
    if (clock !== null) entries.push([client, clock, state]);
  }
  if (entries.length === 0) return null;
  return encodeAwarenessEntries(entries);
}
