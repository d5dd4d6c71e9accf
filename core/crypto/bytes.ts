/**
 * Byte helpers for the pure crypto core. core/ has no DOM lib and no node types, so there is
 * no TextEncoder, Buffer or atob here: UTF-8, hex and base64 are implemented directly.
 */

/**
 * UTF-8 encode a JS string, combining surrogate pairs into one code point. Lone surrogates
 * become U+FFFD, exactly as TextEncoder does, so the bytes we hash are the bytes any other
 * conforming encoder would produce (U+E0100, U+F0000 … are 4-byte sequences).
 */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out.slice(0, o);
}

/** Strict UTF-8 decode: overlong forms, surrogates and truncated sequences are rejected. */
export function utf8Decode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) [cp, need, min] = [b, 0, 0];
    else if (b >= 0xc2 && b < 0xe0) [cp, need, min] = [b & 31, 1, 0x80];
    else if (b >= 0xe0 && b < 0xf0) [cp, need, min] = [b & 15, 2, 0x800];
    else if (b >= 0xf0 && b < 0xf5) [cp, need, min] = [b & 7, 3, 0x10000];
    else throw new Error('invalid UTF-8');
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) throw new Error('invalid UTF-8');
      cp = (cp << 6) | (c & 63);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error('invalid UTF-8');
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]!];
  return s;
}

/** Strict hex decode (even length, hex digits only; whitespace is not accepted). */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Comparison whose time does not depend on where the first difference is (MACs, hashes). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Unsigned big-endian integer → fixed-length bytes (throws if it does not fit). */
export function bigintToBytes(n: bigint, length: number): Uint8Array {
  if (n < 0n) throw new Error('negative integer');
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new Error('integer too large');
  return out;
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  const hex = toHex(bytes);
  return hex.length === 0 ? 0n : BigInt('0x' + hex);
}

/** Overwrites secret material we are done with (best effort: JS may have copied it). */
export function wipe(...buffers: Uint8Array[]): void {
  for (const b of buffers) b.fill(0);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return s;
}

/** Strict base64 (standard alphabet, canonical padding); whitespace must be stripped first. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('invalid base64');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(i + k);
      const isPad = ch === 61 && i + 4 === text.length && k >= 4 - pad;
      const v = isPad ? 0 : ch < 128 ? B64_INDEX[ch]! : -1;
      if (v < 0) throw new Error('invalid base64');
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
    // Non-canonical padding bits would let two strings decode to the same bytes.
    if (i + 4 === text.length && pad > 0 && (n & (pad === 2 ? 0xffff : 0xff)) !== 0) throw new Error('invalid base64');
  }
  return out;
}
