import { P } from './curve';

/**
 * Jacobian-coordinate arithmetic on the SM2 curve specialised for a = −3, on native BigInt.
 * noble's generic complete formulas cost about 17 multiplications per addition and 16 per
 * doubling; these cost 11 (mixed, with an affine operand) and 8. Exceptional cases (doubling
 * through add, P + (−P), the point at infinity) are handled explicitly, so adversarial inputs
 * during verification cannot produce a wrong result. Infinity is Z = 0.
 */
export interface Jac {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

export const INFINITY: Jac = { X: 1n, Y: 1n, Z: 0n };

export function double(p: Jac): Jac {
  const { X, Y, Z } = p;
  if (Z === 0n || Y === 0n) return INFINITY;
  const delta = (Z * Z) % P;
  const gamma = (Y * Y) % P;
  const beta = (X * gamma) % P;
  const alpha = (3n * (X - delta + P) * (X + delta)) % P;
  let X3 = (alpha * alpha - 8n * beta) % P;
  if (X3 < 0n) X3 += P;
  let Z3 = ((Y + Z) * (Y + Z) - gamma - delta) % P;
  if (Z3 < 0n) Z3 += P;
  let Y3 = (alpha * (4n * beta - X3) - 8n * ((gamma * gamma) % P)) % P;
  if (Y3 < 0n) Y3 += P;
  return { X: X3, Y: Y3, Z: Z3 };
}

/** p + (x2, y2) where the second point is affine and finite (table entries). */
export function addAffine(p: Jac, x2: bigint, y2: bigint): Jac {
  const { X: X1, Y: Y1, Z: Z1 } = p;
  if (Z1 === 0n) return { X: x2, Y: y2, Z: 1n };
  const z1z1 = (Z1 * Z1) % P;
  const u2 = (x2 * z1z1) % P;
  const s2 = (((y2 * Z1) % P) * z1z1) % P;
  let h = u2 - X1;
  if (h < 0n) h += P;
  let r = s2 - Y1;
  if (r < 0n) r += P;
  if (h === 0n) return r === 0n ? double({ X: x2, Y: y2, Z: 1n }) : INFINITY;
  const hh = (h * h) % P;
  const hhh = (h * hh) % P;
  const v = (X1 * hh) % P;
  let X3 = (r * r - hhh - 2n * v) % P;
  if (X3 < 0n) X3 += P;
  let Y3 = (r * (v - X3) - Y1 * hhh) % P;
  if (Y3 < 0n) Y3 += P;
  const Z3 = (Z1 * h) % P;
  return { X: X3, Y: Y3, Z: Z3 };
}

/**
 * Converts Jacobian points to affine with one field inversion for the whole batch
 * (Montgomery's trick). Returns [x0, y0, x1, y1, …]; points must be finite.
 */
export function toAffineBatch(points: Jac[], invert: (a: bigint) => bigint): bigint[] {
  const n = points.length;
  const prefix: bigint[] = new Array<bigint>(n);
  let acc = 1n;
  for (let i = 0; i < n; i++) {
    if (points[i]!.Z === 0n) throw new Error('point at infinity has no affine form');
    prefix[i] = acc;
    acc = (acc * points[i]!.Z) % P;
  }
  let inv = invert(acc);
  const out: bigint[] = new Array<bigint>(2 * n);
  for (let i = n - 1; i >= 0; i--) {
    const { X, Y, Z } = points[i]!;
    const zi = (inv * prefix[i]!) % P;
    inv = (inv * Z) % P;
    const zi2 = (zi * zi) % P;
    out[2 * i] = (X * zi2) % P;
    out[2 * i + 1] = (((Y * zi2) % P) * zi) % P;
  }
  return out;
}
