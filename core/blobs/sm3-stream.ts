import { toHex } from '../crypto/bytes';
import { Sm3 } from '../crypto/sm3';

/**
 * SM3 and length of a byte stream, read chunk by chunk: a 200 MiB file is hashed without being
 * held. Works on anything async-iterable (Node streams, the web host's chunks, test arrays).
 */
export async function sm3OfChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ sm3: string; size: number }> {
  const hash = new Sm3();
  let size = 0;
  for await (const chunk of chunks) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sm3: toHex(hash.digest()), size };
}

/**
 * SM3 and length of what `read` returns, position by position, through one reused buffer: no
 * allocation per chunk, so hashing a 200 MiB file leaves no garbage for the collector to lag on.
 * `read(buffer, position)` fills the buffer from `position` and returns the bytes read (0 at the end).
 */
export async function sm3OfReader(read: (buffer: Uint8Array, position: number) => Promise<number>, bufferBytes = 1024 * 1024): Promise<{ sm3: string; size: number }> {
  const hash = new Sm3();
  const buffer = new Uint8Array(bufferBytes);
  let size = 0;
  for (;;) {
    const n = await read(buffer, size);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    size += n;
  }
  return { sm3: toHex(hash.digest()), size };
}
