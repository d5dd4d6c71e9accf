import * as encoding from 'lib0/encoding';

/**
 * A Yjs update (v1) that adds nothing and deletes the given ranges of ids — what a hostile client
 * can send for ids it has never seen (issue 9, item 4). For tests only.
 */
export function deletionOnlyUpdate(ranges: ReadonlyArray<{ client: number; clock: number; len: number }>): Uint8Array {
  const byClient = new Map<number, Array<{ clock: number; len: number }>>();
  for (const r of ranges) byClient.set(r.client, [...(byClient.get(r.client) ?? []), r]);
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, byClient.size);
    for (const [client, items] of byClient) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, items.length);
      for (const { clock, len } of items) {
        encoding.writeVarUint(e, clock);
        encoding.writeVarUint(e, len);
      }
    }
  });
}
