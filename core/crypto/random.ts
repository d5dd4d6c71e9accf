/**
 * Randomness from the platform CSPRNG. Node 20 and Electron both expose Web Crypto's
 * `getRandomValues` on globalThis; core/ has no DOM lib, so the minimal shape is declared here.
 */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

function source(): RandomSource {
  const c = (globalThis as { crypto?: RandomSource }).crypto;
  // Never fall back to Math.random or the clock: no randomness is better than weak randomness.
  if (!c || typeof c.getRandomValues !== 'function') throw new Error('没有可用的安全随机数源(crypto.getRandomValues)');
  return c;
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let o = 0; o < length; o += 65536) source().getRandomValues(out.subarray(o, Math.min(length, o + 65536)));
  return out;
}
