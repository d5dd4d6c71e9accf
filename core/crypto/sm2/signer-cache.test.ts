import { describe, expect, it } from 'vitest';
import { generatePrivateKey } from './keys';
import { SignerTableCache } from './signer-cache';

describe('per-signer table cache', () => {
  it('builds a table on the third use of a key and keeps the most recent ones', () => {
    const cache = new SignerTableCache(2, 3);
    const [a, b, c] = [generatePrivateKey().pub, generatePrivateKey().pub, generatePrivateKey().pub];
    expect(cache.get(a)).toBeUndefined();
    expect(cache.get(a)).toBeUndefined();
    const ta = cache.get(a);
    expect(ta?.w).toBe(6);
    expect(cache.get(a)).toBe(ta);
    expect(cache.get(b, true)).toBeDefined();
    expect(cache.get(c, true)).toBeDefined(); // evicts a (least recently used)
    expect(cache.get(a)).toBeUndefined();
  });
});
