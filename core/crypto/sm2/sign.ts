import { bigintToBytes, bytesToBigint } from '../bytes';
import { hmacSm3 } from '../hmac';
import { randomBytes } from '../random';
import { baseTable, combMulAdd, type CombTable } from './comb';
import { modN, N, P } from './curve';
import { mulBase, type Sm2PrivateKey, type Sm2PublicPoint } from './keys';
import { INFINITY, type Jac } from './point';
import type { Sm2Signature } from './signature-der';
import { wnafMul } from './wnaf';

/**
 * SM2 signature over a precomputed e = SM3(Z_A ‖ M) (GB/T 32918.2 §6.1, steps A3–A7).
 *
 * The nonce is hedged: k = HMAC-SM3(d, fresh randomness ‖ e ‖ counter). Fresh randomness
 * makes two signatures of one message differ; keying with d means a failing RNG alone no
 * longer reveals the private key (the sm-crypto clock-seeded nonce problem).
 */
export function sm2SignDigest(key: Sm2PrivateKey, e: Uint8Array): Sm2Signature {
  if (e.length !== 32) throw new Error('SM2: e must be 32 bytes');
  const dBytes = bigintToBytes(key.d, 32);
  const nonce = randomBytes(32);
  for (let counter = 0; ; counter++) {
    const k = bytesToBigint(hmacSm3(dBytes, nonce, e, new Uint8Array([counter >>> 8, counter & 255])));
    if (k < 1n || k >= N) continue;
    const sig = signWithK(key, e, k);
    if (sig) return sig;
  }
}

/** One signing attempt with a given k; null when the standard says to pick another k. */
export function signWithK(key: Sm2PrivateKey, e: Uint8Array, k: bigint): Sm2Signature | null {
  const x1 = mulBase(k).x;
  const r = modN(bytesToBigint(e) + x1);
  if (r === 0n || r + k === N) return null;
  // s = (1+d)⁻¹·(k − r·d) = (1+d)⁻¹·(k + r) − r  (mod n): one multiplication with the cached inverse.
  const s = modN(key.dPlus1Inv * (k + r) - r);
  if (s === 0n) return null;
  return { r, s };
}

/**
 * Verification (§7.1 B1–B7). Never throws. With a signer table the whole computation
 * s·G + t·P_A is table additions; without one, P_A goes through a wNAF chain.
 */
export function sm2VerifyDigest(pub: Sm2PublicPoint, e: Uint8Array, sig: Sm2Signature, signerTable?: CombTable): boolean {
  try {
    const { r, s } = sig;
    if (e.length !== 32 || r < 1n || r >= N || s < 1n || s >= N) return false;
    const t = modN(r + s);
    if (t === 0n) return false;
    let acc: Jac = signerTable ? combMulAdd(INFINITY, signerTable, t, false, P) : wnafMul(pub.x, pub.y, t, P);
    acc = combMulAdd(acc, baseTable(), s, false, P);
    if (acc.Z === 0n) return false;
    // R = (e + x1) mod n must equal r. Rather than invert Z (≈ 40 µs), test both x1
    // candidates congruent to r − e (mod n) against X = x1·Z² in projective form.
    const c = modN(r - bytesToBigint(e));
    const z2 = (acc.Z * acc.Z) % P;
    if ((c * z2) % P === acc.X) return true;
    return c + N < P && ((c + N) * z2) % P === acc.X;
  } catch {
    return false;
  }
}

/** Public key for tests and key import: d·G. */
export const publicPointOf = (d: bigint): Sm2PublicPoint => mulBase(d);
