import * as encoding from 'lib0/encoding';

/** One awareness entry as y-protocols encodes it: client id, clock, state (JSON text, or 'null' for a removal). */
export type AwarenessEntry = [client: number, clock: number, state: string];

/** A y-protocols awareness update of these entries (the server relays them; main restamps windows' ones). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock, state] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    }
  });
}
