import { GX, GY, invP } from './curve';
import { addAffine, double, INFINITY, toAffineBatch, type Jac } from './point';

/**
 * Fixed-base scalar multiplication with signed-window comb tables.
 *
 * For window width w the scalar is recoded into digits d_i ∈ [−2^(w−1), 2^(w−1)] with
 * k = Σ d_i·2^(w·i); the table holds j·2^(w·i)·B for j = 1..2^(w−1) in affine form, so k·B is
 * one mixed addition per window and no doublings at all. Several tables (s·G + t·P during
 * verification) accumulate into the same point, which is why verification with a cached
 * table for a known signer is about four times faster than without.
 */
export interface CombTable {
  readonly w: number;
  readonly windows: number;
  readonly half: number;
  /** Affine coordinates, entry (i, j) at index i·half + j − 1. */
  readonly xs: bigint[];
  readonly ys: bigint[];
}

export function buildComb(x: bigint, y: bigint, w: number): CombTable {
  const half = 1 << (w - 1);
  const windows = Math.ceil(256 / w) + 1; // the last window takes the recoding carry
  const xs: bigint[] = [];
  const ys: bigint[] = [];
  let bx = x;
  let by = y;
  for (let i = 0; i < windows; i++) {
    const row: Jac[] = [];
    let acc: Jac = { X: bx, Y: by, Z: 1n };
    row.push(acc);
    for (let j = 2; j <= half; j++) {
      acc = addAffine(acc, bx, by);
      row.push(acc);
    }
    // Next base 2^w·B = 2·(2^(w−1)·B): one doubling of the last entry.
    const next = double(acc);
    row.push(next);
    const aff = toAffineBatch(row, invP);
    for (let j = 0; j < half; j++) {
      xs.push(aff[2 * j]!);
      ys.push(aff[2 * j + 1]!);
    }
    bx = aff[2 * half]!;
    by = aff[2 * half + 1]!;
  }
  return { w, windows, half, xs, ys };
}

/** Signed recoding; the digit count is fixed by the table so the loop shape never depends on k. */
export function recodeSigned(k: bigint, w: number, windows: number): Int32Array {
  const digits = new Int32Array(windows);
  const mask = BigInt((1 << w) - 1);
  const half = 1 << (w - 1);
  const bw = BigInt(w);
  let carry = 0;
  let v = k;
  for (let i = 0; i < windows; i++) {
    let d = Number(v & mask) + carry;
    v >>= bw;
    if (d > half) {
      d -= 1 << w;
      carry = 1;
    } else carry = 0;
    digits[i] = d;
  }
  if (carry !== 0 || v !== 0n) throw new Error('scalar too large for comb table');
  return digits;
}

/**
 * acc + k·B. With `regular`, windows whose digit is 0 still perform an addition (into a
 * throwaway point), so the operation sequence does not reveal how many zero digits a secret
 * scalar has. BigInt arithmetic itself is not constant-time; see README (side channels).
 */
export function combMulAdd(acc: Jac, table: CombTable, k: bigint, regular: boolean, P: bigint): Jac {
  const digits = recodeSigned(k, table.w, table.windows);
  const { half, xs, ys } = table;
  let dummy = INFINITY;
  for (let i = 0; i < table.windows; i++) {
    const d = digits[i]!;
    if (d === 0) {
      if (regular) dummy = addAffine(dummy, xs[i * half]!, ys[i * half]!);
      continue;
    }
    const idx = i * half + (d < 0 ? -d : d) - 1;
    const y = ys[idx]!;
    acc = addAffine(acc, xs[idx]!, d < 0 ? P - y : y);
  }
  return acc;
}

let gTable: CombTable | undefined;

/** The generator's table (w = 8: 33 × 128 affine points, about 0.5 MB), built on first use (~30 ms). */
export function baseTable(): CombTable {
  return (gTable ??= buildComb(GX, GY, 8));
}

/** Width for per-signer tables: 44 × 32 points, ~10 ms to build, ~160 kB each. */
export const SIGNER_TABLE_WIDTH = 6;
