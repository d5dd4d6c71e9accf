import { describe, expect, it } from 'vitest';
import { toHex } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { sm3OfChunks, sm3OfReader } from './sm3-stream';

describe('sm3OfChunks', () => {
  it('equals the one-shot SM3 whatever the chunk boundaries', async () => {
    const data = new Uint8Array(10_000).map((_, i) => (i * 131) % 256);
    const whole = toHex(sm3(data));
    for (const size of [1, 63, 64, 65, 4096, 10_000]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
      expect(await sm3OfChunks(chunks)).toEqual({ sm3: whole, size: data.length });
    }
  });

  it('sm3OfReader gives the same through one reused buffer, whatever its size', async () => {
    const data = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
    const read = async (buffer: Uint8Array, position: number) => {
      const part = data.subarray(position, position + buffer.length);
      buffer.set(part);
      return part.length;
    };
    for (const size of [1, 64, 1000, 8192]) expect(await sm3OfReader(read, size)).toEqual({ sm3: toHex(sm3(data)), size: 5000 });
  });

  it('hashes the empty stream to the SM3 of nothing (GB/T 32905 value)', async () => {
    expect(await sm3OfChunks([])).toEqual({ sm3: '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b', size: 0 });
  });
});
