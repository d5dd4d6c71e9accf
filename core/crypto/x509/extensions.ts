import { children, ctx, DerReader, parseDer, readBoolean, readInteger, readOctets, readOid, TAG, type DerNode } from '../asn1/der';
import { bool, integer, octets, oid, seq, tlv } from '../asn1/der-write';

export const EXT = {
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

export const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

export interface Extensions {
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: ReadonlySet<KeyUsageBit>;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  /** Critical extensions we do not understand: such a certificate must be rejected (RFC 5280 §4.2). */
  unknownCritical: string[];
}

function ext(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** keyUsage as a DER named BIT STRING: trailing zero bits dropped, unused-bit count set. */
function keyUsageBits(bits: KeyUsageBit[]): Uint8Array {
  let v = 0;
  for (const b of bits) v |= 0x8000 >> KEY_USAGE_BITS.indexOf(b);
  const bytes = v & 0xff ? [v >> 8, v & 0xff] : [v >> 8];
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (unused < 7 && !(last & (1 << unused))) unused++;
  return tlv(TAG.BIT_STRING, new Uint8Array([unused, ...bytes]));
}

export interface ExtensionSpec {
  ca: boolean;
  pathLen?: number;
  keyUsage: KeyUsageBit[];
  subjectKeyId: Uint8Array;
  authorityKeyId?: Uint8Array;
}

export function encodeExtensions(spec: ExtensionSpec): Uint8Array {
  const bc = spec.ca ? seq(bool(true), ...(spec.pathLen !== undefined ? [integer(spec.pathLen)] : [])) : seq();
  const list = [ext(EXT.basicConstraints, true, bc), ext(EXT.keyUsage, true, keyUsageBits(spec.keyUsage)), ext(EXT.subjectKeyId, false, octets(spec.subjectKeyId))];
  if (spec.authorityKeyId) list.push(ext(EXT.authorityKeyId, false, seq(tlv(0x80, spec.authorityKeyId))));
  return seq(...list);
}

export function parseExtensions(node: DerNode | undefined): Extensions {
  const out: Extensions = { unknownCritical: [] };
  if (!node) return out;
  const seen = new Set<string>();
  for (const e of children(node)) {
    const r = DerReader.of(e);
    const id = readOid(r.next(TAG.OID));
    const critNode = r.optional(TAG.BOOLEAN);
    const critical = critNode ? readBoolean(critNode) : false;
    const value = parseDer(readOctets(r.next(TAG.OCTET_STRING)));
    r.end();
    if (seen.has(id)) throw new Error(`duplicate extension ${id}`);
    seen.add(id);
    if (id === EXT.basicConstraints) {
      const b = DerReader.of(value);
      const caNode = b.optional(TAG.BOOLEAN);
      const pl = b.optional(TAG.INTEGER);
      b.end();
      out.basicConstraints = { ca: caNode ? readBoolean(caNode) : false, ...(pl ? { pathLen: Number(readInteger(pl)) } : {}) };
    } else if (id === EXT.keyUsage) {
      if (value.tag !== TAG.BIT_STRING || value.value.length < 2 || value.value[0]! > 7) throw new Error('bad keyUsage');
      const bits = (value.value[1]! << 8) | (value.value[2] ?? 0);
      out.keyUsage = new Set(KEY_USAGE_BITS.filter((_, i) => bits & (0x8000 >> i)));
    } else if (id === EXT.subjectKeyId) {
      out.subjectKeyId = readOctets(value);
    } else if (id === EXT.authorityKeyId) {
      const a = DerReader.of(value);
      const kid = a.optional(0x80);
      if (kid) out.authorityKeyId = kid.value;
      // authorityCertIssuer [1] / serial [2] may follow; we match on the key id only.
    } else if (critical) out.unknownCritical.push(id);
  }
  return out;
}

export const ctxExtensions = ctx(3);
