import type { Room } from './room';

interface Cached {
  sv: Uint8Array;
  message: Uint8Array;
}

const cache = new WeakMap<Room, Cached>();
/** Smaller answers are cheap to encode again; caching them would only hold memory. */
const MIN_CACHED_BYTES = 64 * 1024;

/**
 * Sync step 2 for a state vector, shared while the document is unchanged: every newcomer to a
 * large document (and every repeat of the same request) gets the same bytes, which ws sends
 * without copying, so N sockets asking for a 4 MiB document hold one 4 MiB buffer between them,
 * not N (issue 9, memory). Dropped on the document's next update.
 */
export function cachedStep2(room: Room, sv: Uint8Array): Uint8Array {
  const hit = cache.get(room);
  if (hit && sameBytes(hit.sv, sv)) return hit.message;
  const message = room.step2(sv);
  if (message.length >= MIN_CACHED_BYTES) {
    if (!hit) room.doc.once('update', () => cache.delete(room));
    cache.set(room, { sv: sv.slice(), message });
  }
  return message;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
