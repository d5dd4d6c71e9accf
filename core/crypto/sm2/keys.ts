import { bigintToBytes, bytesToBigint } from '../bytes';
import { badInput } from '../errors';
import { randomBytes } from '../random';
import { baseTable, combMulAdd } from './comb';
import { invN, invP, isOnCurve, N, P } from './curve';
import { INFINITY } from './point';

/** An SM2 public key as an affine point. Always validated on construction (decodePublicPoint / fromPrivate). */
export interface Sm2PublicPoint {
  readonly x: bigint;
  readonly y: bigint;
}

/**
 * Internal private-key form. Never leaves the provider: callers hold key handles. (1+d)⁻¹ is
 * cached because every signature needs it and a modular inversion costs ~40 µs.
 */
export interface Sm2PrivateKey {
  readonly d: bigint;
  readonly dPlus1Inv: bigint;
  readonly pub: Sm2PublicPoint;
}

/**
 * Decodes an uncompressed point (04 ‖ x ‖ y). Compressed and hybrid forms are rejected: GM/T
 * 0009 keys are uncompressed, and accepting several encodings of one key would give one key
 * several identities. Off-curve points and the point at infinity are rejected.
 */
export function decodePublicPoint(bytes: Uint8Array): Sm2PublicPoint {
  if (bytes.length !== 65 || bytes[0] !== 0x04) throw badInput('SM2 公钥必须是 65 字节的非压缩点');
  const x = bytesToBigint(bytes.subarray(1, 33));
  const y = bytesToBigint(bytes.subarray(33));
  if (!isOnCurve(x, y)) throw badInput('SM2 公钥不在曲线上');
  return { x, y };
}

export function encodePublicPoint(p: Sm2PublicPoint): Uint8Array {
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(bigintToBytes(p.x, 32), 1);
  out.set(bigintToBytes(p.y, 32), 33);
  return out;
}

/** k·G in affine form, with the regular (dummy-add) comb walk because k is secret. */
export function mulBase(k: bigint): Sm2PublicPoint {
  const j = combMulAdd(INFINITY, baseTable(), k, true, P);
  if (j.Z === 0n) throw new Error('k·G is infinity');
  const zi = invP(j.Z);
  const zi2 = (zi * zi) % P;
  return { x: (j.X * zi2) % P, y: (((j.Y * zi2) % P) * zi) % P };
}

/** SM2 private keys are in [1, n−2]: 1 + d must be invertible mod n. */
export function privateKeyFromScalar(d: bigint): Sm2PrivateKey {
  if (d < 1n || d > N - 2n) throw badInput('SM2 私钥超出范围 [1, n−2]');
  return { d, dPlus1Inv: invN(d + 1n), pub: mulBase(d) };
}

export function privateKeyFromBytes(bytes: Uint8Array): Sm2PrivateKey {
  if (bytes.length !== 32) throw badInput('SM2 私钥必须为 32 字节');
  return privateKeyFromScalar(bytesToBigint(bytes));
}

export function privateKeyToBytes(key: Sm2PrivateKey): Uint8Array {
  return bigintToBytes(key.d, 32);
}

/** Rejection sampling from the CSPRNG: uniform in [1, n−2], never a seeded or clock-based value. */
export function randomScalar(max: bigint = N - 2n): bigint {
  for (;;) {
    const k = bytesToBigint(randomBytes(32));
    if (k >= 1n && k <= max) return k;
  }
}

export function generatePrivateKey(): Sm2PrivateKey {
  return privateKeyFromScalar(randomScalar());
}
