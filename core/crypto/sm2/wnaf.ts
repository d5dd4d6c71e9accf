import { invP } from './curve';
import { addAffine, double, INFINITY, toAffineBatch, type Jac } from './point';

const W = 5;

/** Width-w NAF digits, least significant first. */
function wnaf(k: bigint): Int8Array {
  const out = new Int8Array(258);
  const mod = 1n << BigInt(W);
  const half = 1 << (W - 1);
  let v = k;
  let i = 0;
  while (v > 0n) {
    if (v & 1n) {
      let d = Number(v & (mod - 1n));
      if (d >= half) d -= 1 << W;
      out[i] = d;
      v -= BigInt(d);
    }
    v >>= 1n;
    i++;
  }
  return out.subarray(0, i);
}

/**
 * k·Q for a point without a table (verifying an unknown signer): odd multiples Q, 3Q … 15Q in
 * affine form, then one doubling per bit and an addition per non-zero digit. Public scalars only.
 */
export function wnafMul(x: bigint, y: bigint, k: bigint, P: bigint): Jac {
  if (k === 0n) return INFINITY;
  const q2 = toAffineBatch([double({ X: x, Y: y, Z: 1n })], invP);
  const odd: Jac[] = [{ X: x, Y: y, Z: 1n }];
  for (let i = 1; i < 1 << (W - 2); i++) odd.push(addAffine(odd[i - 1]!, q2[0]!, q2[1]!));
  const aff = toAffineBatch(odd, invP);
  const digits = wnaf(k);
  let acc = INFINITY;
  for (let i = digits.length - 1; i >= 0; i--) {
    acc = double(acc);
    const d = digits[i]!;
    if (d !== 0) {
      const j = ((d < 0 ? -d : d) - 1) >> 1;
      const yy = aff[2 * j + 1]!;
      acc = addAffine(acc, aff[2 * j]!, d < 0 ? P - yy : yy);
    }
  }
  return acc;
}
