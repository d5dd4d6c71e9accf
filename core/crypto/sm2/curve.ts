import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { invert } from '@noble/curves/abstract/modular.js';

/**
 * The SM2 recommended curve (GB/T 32918.5-2017), y² = x³ + ax + b over F_p with a = p − 3.
 * p is the generalised Mersenne prime 2^256 − 2^224 − 2^96 + 2^64 − 1.
 */
export const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const A = P - 3n;
export const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
export const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** OIDs (GM/T 0006). */
export const OID_SM2_CURVE = '1.2.156.10197.1.301';
export const OID_SM3 = '1.2.156.10197.1.401';
export const OID_SM2_WITH_SM3 = '1.2.156.10197.1.501';
export const OID_SM4 = '1.2.156.10197.1.104';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/**
 * noble's audited Weierstrass point type on the SM2 curve. It validates the curve at load and
 * does the secret-point scalar multiplications where speed does not matter (SM2 decryption,
 * encryption's k·P_B), with its scalar blinding. The hot fixed-base and verification paths use
 * the tables in comb.ts, which are checked against this type in the tests.
 */
export const Sm2Point = weierstrass({ p: P, n: N, h: 1n, a: A, b: B, Gx: GX, Gy: GY });

export const modP = (a: bigint): bigint => {
  const r = a % P;
  return r < 0n ? r + P : r;
};
export const modN = (a: bigint): bigint => {
  const r = a % N;
  return r < 0n ? r + N : r;
};
export const invP = (a: bigint): bigint => invert(a, P);
export const invN = (a: bigint): bigint => invert(a, N);

/** Affine point check: coordinates reduced and y² = x³ + ax + b. (The infinity point has no encoding.) */
export function isOnCurve(x: bigint, y: bigint): boolean {
  if (x < 0n || x >= P || y < 0n || y >= P) return false;
  return (y * y - ((x * x % P) * x + A * x + B)) % P === 0n;
}
