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
