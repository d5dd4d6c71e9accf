import { utf8Encode } from '../bytes';
import { TAG } from './der';

/** DER writers. Each returns one complete element. */

export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const len = value.length;
  let header: number[];
  if (len < 0x80) header = [tag, len];
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 255);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  const out = new Uint8Array(header.length + len);
  out.set(header);
  out.set(value, header.length);
  return out;
}

function join(parts: Uint8Array[]): Uint8Array {
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

export const seq = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, join(items));
export const explicit = (n: number, item: Uint8Array): Uint8Array => tlv(0xa0 | n, item);
export const octets = (b: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, b);
export const bitString = (b: Uint8Array): Uint8Array => tlv(TAG.BIT_STRING, join([new Uint8Array([0]), b]));
export const nullValue = (): Uint8Array => new Uint8Array([TAG.NULL, 0]);
export const bool = (v: boolean): Uint8Array => new Uint8Array([TAG.BOOLEAN, 1, v ? 0xff : 0]);
export const utf8 = (s: string): Uint8Array => tlv(TAG.UTF8, utf8Encode(s));

/** SET OF: DER requires the encodings sorted as octet strings. */
export function setOf(...items: Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  });
  return tlv(TAG.SET, join(sorted));
}

function ascii(tag: number, s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw new Error('non-ASCII character in an ASCII string type');
    b[i] = c;
  }
  return tlv(tag, b);
}
export const ia5 = (s: string): Uint8Array => ascii(TAG.IA5, s);
export const printable = (s: string): Uint8Array => ascii(TAG.PRINTABLE, s);

/** INTEGER, minimal two's complement. */
export function integer(v: bigint | number): Uint8Array {
  let n = BigInt(v);
  const bytes: number[] = [];
  if (n >= 0n) {
    do {
      bytes.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
    if (bytes[0]! >= 0x80) bytes.unshift(0);
  } else {
    do {
      bytes.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n < -1n || (n === -1n && bytes[0]! < 0x80));
  }
  return tlv(TAG.INTEGER, new Uint8Array(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new Error(`bad OID ${dotted}`);
    return Number(a);
  });
  if (arcs.length < 2) throw new Error(`bad OID ${dotted}`);
  const out: number[] = [];
  const push = (n: number) => {
    const tmp = [n & 0x7f];
    for (n = Math.floor(n / 128); n > 0; n = Math.floor(n / 128)) tmp.unshift(0x80 | (n & 0x7f));
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(TAG.OID, new Uint8Array(out));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** X.509 rule: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
export function x509Time(d: Date): Uint8Array {
  return d.getUTCFullYear() < 2050 ? utcTime(d) : generalizedTime(d);
}

export function utcTime(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new Error('UTCTime year out of range');
  const s = pad2(y % 100) + pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) + pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) + 'Z';
  return ascii(TAG.UTC_TIME, s);
}

export function generalizedTime(d: Date): Uint8Array {
  const s =
    String(d.getUTCFullYear()).padStart(4, '0') + pad2(d.getUTCMonth() + 1) + pad2(d.getUTCDate()) + pad2(d.getUTCHours()) + pad2(d.getUTCMinutes()) + pad2(d.getUTCSeconds()) + 'Z';
  return ascii(TAG.GENERALIZED_TIME, s);
}
