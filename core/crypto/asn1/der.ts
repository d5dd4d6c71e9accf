/**
 * A strict DER reader and a writer. Strictness is a security property here: signatures,
 * keys and certificates are hashed or compared as bytes, so any encoding we accept must be
 * the only encoding of its value (definite minimal lengths, minimal integers, no BER).
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8: 0x0c,
  PRINTABLE: 0x13,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tags: [n] constructed (EXPLICIT, or IMPLICIT of a constructed type) and primitive. */
export const ctx = (n: number): number => 0xa0 | n;
export const ctxPrim = (n: number): number => 0x80 | n;

export class DerError extends Error {
  constructor(message: string) {
    super(`DER: ${message}`);
    this.name = 'DerError';
  }
}

/** One parsed TLV. `raw` is the whole element (what a signature covers), `value` its content. */
export interface DerNode {
  tag: number;
  value: Uint8Array;
  raw: Uint8Array;
}

function readNode(buf: Uint8Array, pos: number): { node: DerNode; next: number } {
  if (pos + 2 > buf.length) throw new DerError('truncated header');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let len = buf[pos + 1]!;
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) throw new DerError('indefinite length');
    if (n > 4) throw new DerError('length too large');
    if (pos + 2 + n > buf.length) throw new DerError('truncated length');
    if (buf[pos + 2] === 0) throw new DerError('non-minimal length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i]!;
    if (len < 0x80) throw new DerError('non-minimal length');
    hdr += n;
  }
  const end = pos + hdr + len;
  if (end > buf.length) throw new DerError('truncated value');
  return { node: { tag, value: buf.subarray(pos + hdr, end), raw: buf.subarray(pos, end) }, next: end };
}

/** Parses exactly one element; trailing bytes are an error. */
export function parseDer(buf: Uint8Array, expectTag?: number): DerNode {
  const { node, next } = readNode(buf, 0);
  if (next !== buf.length) throw new DerError('trailing bytes');
  if (expectTag !== undefined && node.tag !== expectTag) throw new DerError(`expected tag 0x${expectTag.toString(16)}, got 0x${node.tag.toString(16)}`);
  return node;
}

/** Sequential reader over the children of a constructed element. */
export class DerReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  static of(node: DerNode, tag: number = TAG.SEQUENCE): DerReader {
    if (node.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${node.tag.toString(16)}`);
    return new DerReader(node.value);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  peekTag(): number | undefined {
    return this.done ? undefined : this.buf[this.pos];
  }

  next(tag?: number): DerNode {
    if (this.done) throw new DerError('missing element');
    const { node, next } = readNode(this.buf, this.pos);
    if (tag !== undefined && node.tag !== tag) throw new DerError(`expected tag 0x${tag.toString(16)}, got 0x${node.tag.toString(16)}`);
    this.pos = next;
    return node;
  }

  optional(tag: number): DerNode | undefined {
    return this.peekTag() === tag ? this.next(tag) : undefined;
  }

  end(): void {
    if (!this.done) throw new DerError('unexpected trailing elements');
  }
}

export function children(node: DerNode, tag: number = TAG.SEQUENCE): DerNode[] {
  const r = DerReader.of(node, tag);
  const out: DerNode[] = [];
  while (!r.done) out.push(r.next());
  return out;
}

/** INTEGER with minimal encoding; `unsigned` rejects negative values. */
export function readInteger(node: DerNode, unsigned = true): bigint {
  if (node.tag !== TAG.INTEGER) throw new DerError('expected INTEGER');
  const v = node.value;
  if (v.length === 0) throw new DerError('empty INTEGER');
  if (v.length > 1 && ((v[0] === 0 && v[1]! < 0x80) || (v[0] === 0xff && v[1]! >= 0x80))) throw new DerError('non-minimal INTEGER');
  const negative = v[0]! >= 0x80;
  if (negative && unsigned) throw new DerError('negative INTEGER');
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  return negative ? n - (1n << BigInt(v.length * 8)) : n;
}

export function readSmallInt(node: DerNode): number {
  const n = readInteger(node, false);
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw new DerError('INTEGER too large');
  return Number(n);
}

export function readOid(node: DerNode): string {
  if (node.tag !== TAG.OID) throw new DerError('expected OBJECT IDENTIFIER');
  const v = node.value;
  if (v.length === 0 || v[v.length - 1]! & 0x80) throw new DerError('bad OID');
  const arcs: number[] = [];
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (n === 0 && v[i] === 0x80) throw new DerError('non-minimal OID arc');
    n = n * 128 + (v[i]! & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER) throw new DerError('OID arc too large');
    if (!(v[i]! & 0x80)) {
      arcs.push(n);
      n = 0;
    }
  }
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** BIT STRING whose unused-bit count must be 0 (keys, signatures, seals). */
export function readBitStringBytes(node: DerNode): Uint8Array {
  if (node.tag !== TAG.BIT_STRING) throw new DerError('expected BIT STRING');
  if (node.value.length === 0 || node.value[0] !== 0) throw new DerError('BIT STRING with unused bits');
  return node.value.subarray(1);
}

export function readOctets(node: DerNode): Uint8Array {
  if (node.tag !== TAG.OCTET_STRING) throw new DerError('expected OCTET STRING');
  return node.value;
}

export function readBoolean(node: DerNode): boolean {
  if (node.tag !== TAG.BOOLEAN || node.value.length !== 1 || (node.value[0] !== 0 && node.value[0] !== 0xff)) throw new DerError('bad BOOLEAN');
  return node.value[0] === 0xff;
}

export function readNull(node: DerNode): void {
  if (node.tag !== TAG.NULL || node.value.length !== 0) throw new DerError('bad NULL');
}
