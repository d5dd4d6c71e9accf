import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToBigint } from '../bytes';
import { baseTable, buildComb, combMulAdd, recodeSigned } from './comb';
import { invP, N, P, Sm2Point } from './curve';
import { mulBase } from './keys';
import { addAffine, double, INFINITY, type Jac } from './point';
import { wnafMul } from './wnaf';

const affine = (j: Jac) => {
  if (j.Z === 0n) return null;
  const zi = invP(j.Z);
  return { x: (j.X * zi * zi) % P, y: (j.Y * zi * zi * zi) % P };
};
const noble = (k: bigint, base = Sm2Point.BASE) => (k % N === 0n ? null : base.multiply(k % N).toAffine());
const rnd = () => bytesToBigint(randomBytes(32)) % N;

describe('fast SM2 arithmetic agrees with noble', () => {
  it('k·G by comb for random and edge scalars', () => {
    for (const k of [1n, 2n, 3n, 127n, 128n, 129n, 255n, 256n, N - 1n, N - 2n, (1n << 255n) + 1n, ...Array.from({ length: 40 }, rnd)]) {
      expect(mulBase(k)).toEqual(noble(k));
    }
  });

  it('k·Q by wNAF and by a per-key comb table', () => {
    const q = Sm2Point.BASE.multiply(rnd());
    const { x, y } = q.toAffine();
    const table = buildComb(x, y, 6);
    for (const k of [1n, 2n, 15n, 16n, 17n, N - 1n, ...Array.from({ length: 20 }, rnd)]) {
      expect(affine(wnafMul(x, y, k, P))).toEqual(noble(k, q));
      expect(affine(combMulAdd(INFINITY, table, k, false, P))).toEqual(noble(k, q));
    }
  });

  it('s·G + t·Q in one accumulator, including cancellation to infinity and doubling via add', () => {
    const t = rnd();
    const q = Sm2Point.BASE.multiply(7n);
    const { x, y } = q.toAffine();
    const table = buildComb(x, y, 6);
    // s·G + t·(7G) with s = −7t: the sum is the point at infinity.
    const s = (N - ((7n * t) % N)) % N;
    expect(combMulAdd(combMulAdd(INFINITY, table, t, false, P), baseTable(), s, false, P).Z).toBe(0n);
    // G + G through the addition formula must double.
    const g = Sm2Point.BASE.toAffine();
    expect(affine(addAffine({ X: g.x, Y: g.y, Z: 1n }, g.x, g.y))).toEqual(affine(double({ X: g.x, Y: g.y, Z: 1n })));
    expect(affine(addAffine({ X: g.x, Y: g.y, Z: 1n }, g.x, P - g.y))).toBeNull();
  });

  it('signed recoding reconstructs the scalar and rejects oversized ones', () => {
    for (const k of [0n, 1n, N - 1n, rnd()]) {
      const d = recodeSigned(k, 8, 33);
      let v = 0n;
      for (let i = d.length - 1; i >= 0; i--) v = (v << 8n) + BigInt(d[i]!);
      expect(v).toBe(k);
      expect([...d].every((x) => x >= -128 && x <= 128)).toBe(true);
    }
    expect(() => recodeSigned(1n << 270n, 8, 33)).toThrow();
  });
});
