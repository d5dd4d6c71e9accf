import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';

/**
 * The Yjs update of issue 9, item 1: one item of the older JSON content type (ContentJSON, ref 2)
 * appended to a record's `events` Y.Array, whose entries spell the key `"\u0061ctor"`, so the
 * update's bytes never contain `actor` — what fooled the byte-scan fast path. `after`: the doc
 * whose last events entry the item follows (its origin); an empty array gets it as its first item.
 */
export function escapedEventsUpdate(after: Y.Doc, events: readonly object[]): Uint8Array {
  const client = 0x2a000000 + Math.floor(Math.random() * 0xffffff);
  let last: Y.Item | null = after.getArray('events')._start;
  while (last?.right) last = last.right;
  return encoding.encode((e) => {
    encoding.writeVarUint(e, 1); // one client's structs
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, 0); // clock
    encoding.writeUint8(e, 2 | (last ? 0x80 : 0)); // ContentJSON, with an origin when there is one
    if (last) {
      encoding.writeVarUint(e, last.id.client);
      encoding.writeVarUint(e, last.id.clock + last.length - 1);
    } else {
      encoding.writeVarUint(e, 1); // parent is a root type, by name
      encoding.writeVarString(e, 'events');
    }
    encoding.writeVarUint(e, events.length);
    for (const ev of events) encoding.writeVarString(e, JSON.stringify(ev).replaceAll('"actor"', '"\\u0061ctor"'));
    encoding.writeVarUint(e, 0); // empty delete set
  });
}
