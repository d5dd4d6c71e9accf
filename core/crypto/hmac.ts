import { SM3_IV, Sm3, sm3, sm3CompressWords, stateToBytes } from './sm3';

/** HMAC-SM3 (RFC 2104 over SM3, block size 64). */
export function hmacSm3(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const { inner, outer } = pads(key);
  const ih = new Sm3().update(inner);
  for (const d of data) ih.update(d);
  return new Sm3().update(outer).update(ih.digest()).digest();
}

function pads(key: Uint8Array): { inner: Uint8Array; outer: Uint8Array } {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? sm3(key) : key);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  return { inner, outer };
}

function stateAfter(block: Uint8Array): Int32Array {
  const state = new Int32Array(SM3_IV);
  const w = new Int32Array(68);
  for (let i = 0; i < 16; i++) w[i] = (block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!;
  sm3CompressWords(state, w);
  return state;
}

/**
 * PBKDF2 (RFC 8018) with HMAC-SM3, the construction of GM/T 0091-2020. Each iteration is
 * exactly two SM3 compressions on words: the key's inner and outer pad states are computed
 * once and the 32-byte U block is padded in place, so a high iteration count stays affordable.
 */
export function pbkdf2HmacSm3(password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error('PBKDF2: iterations must be ≥ 1');
  const { inner, outer } = pads(password);
  const innerState = stateAfter(inner);
  const outerState = stateAfter(outer);
  const out = new Uint8Array(length);
  const w = new Int32Array(68);
  const st = new Int32Array(8);
  const acc = new Int32Array(8);
  for (let block = 1, o = 0; o < length; block++, o += 32) {
    // U1 = HMAC(P, salt ‖ INT(block)) through the general path.
    const be = new Uint8Array([block >>> 24, block >>> 16, block >>> 8, block]);
    const ih = new Sm3().update(inner).update(salt).update(be).digest();
    let u = new Sm3().update(outer).update(ih).digest();
    for (let i = 0; i < 8; i++) acc[i] = (u[i * 4]! << 24) | (u[i * 4 + 1]! << 16) | (u[i * 4 + 2]! << 8) | u[i * 4 + 3]!;
    const uw = new Int32Array(acc);
    for (let it = 1; it < iterations; it++) {
      hmacBlock(innerState, uw, w, st);
      hmacBlock(outerState, st, w, uw);
      for (let i = 0; i < 8; i++) acc[i]! ^= uw[i]!;
    }
    u = stateToBytes(acc);
    out.set(u.subarray(0, Math.min(32, length - o)), o);
  }
  return out;
}

/** SM3 compression of a 32-byte message after a 64-byte pad block: total 96 bytes = 768 bits. */
function hmacBlock(start: Int32Array, msg: Int32Array, w: Int32Array, out: Int32Array): void {
  for (let i = 0; i < 8; i++) w[i] = msg[i]!;
  w[8] = 0x80000000 | 0;
  for (let i = 9; i < 15; i++) w[i] = 0;
  w[15] = 768;
  out.set(start);
  sm3CompressWords(out, w);
}

/** The key derivation function of GB/T 32918.4 (used by SM2 encryption): SM3(Z ‖ ct) blocks. */
export function sm2Kdf(z: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const ct = new Uint8Array(4);
  for (let counter = 1, o = 0; o < length; counter++, o += 32) {
    ct[0] = counter >>> 24;
    ct[1] = counter >>> 16;
    ct[2] = counter >>> 8;
    ct[3] = counter;
    const h = sm3(z, ct);
    out.set(h.subarray(0, Math.min(32, length - o)), o);
  }
  return out;
}
