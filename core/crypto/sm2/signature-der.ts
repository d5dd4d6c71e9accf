import { bigintToBytes, bytesToBigint } from '../bytes';
import { DerReader, parseDer, readInteger, TAG } from '../asn1/der';
import { integer, seq } from '../asn1/der-write';
import { N } from './curve';

export interface Sm2Signature {
  r: bigint;
  s: bigint;
}

export function encodeSignatureDer(sig: Sm2Signature): Uint8Array {
  return seq(integer(sig.r), integer(sig.s));
}

/**
 * Strict parse of DER SEQUENCE{r INTEGER, s INTEGER}: trailing bytes, non-minimal integers,
 * negative values and r or s outside [1, n−1] give null. Never throws.
 */
export function decodeSignatureDer(der: Uint8Array): Sm2Signature | null {
  try {
    const rd = DerReader.of(parseDer(der, TAG.SEQUENCE));
    const r = readInteger(rd.next(TAG.INTEGER));
    const s = readInteger(rd.next(TAG.INTEGER));
    rd.end();
    return inRange(r) && inRange(s) ? { r, s } : null;
  } catch {
    return null;
  }
}

const inRange = (v: bigint): boolean => v >= 1n && v < N;

/** SKF/SDF devices return r ‖ s as two 32-byte big-endian values. */
export function rawToSignature(raw: Uint8Array): Sm2Signature | null {
  if (raw.length !== 64) return null;
  const r = bytesToBigint(raw.subarray(0, 32));
  const s = bytesToBigint(raw.subarray(32));
  return inRange(r) && inRange(s) ? { r, s } : null;
}

export function signatureToRaw(sig: Sm2Signature): Uint8Array {
  const out = new Uint8Array(64);
  out.set(bigintToBytes(sig.r, 32));
  out.set(bigintToBytes(sig.s, 32), 32);
  return out;
}

/** ECCSIGNATUREBLOB of GM/T 0016: r and s right-aligned in 64-byte fields. */
export function skfBlobToRaw(blob: Uint8Array): Uint8Array | null {
  if (blob.length !== 128) return null;
  for (let i = 0; i < 32; i++) if (blob[i] !== 0 || blob[64 + i] !== 0) return null;
  const out = new Uint8Array(64);
  out.set(blob.subarray(32, 64));
  out.set(blob.subarray(96, 128), 32);
  return out;
}
