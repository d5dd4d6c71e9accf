import { children, DerReader, parseDer, readOid, TAG, type DerNode } from '../asn1/der';
import { readString } from '../asn1/der-strings';
import { oid, printable, seq, setOf, utf8 } from '../asn1/der-write';

/** X.500 names: the few attribute types an organisation CA uses, in UTF8String (C in PrintableString). */
export const NAME_OIDS = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  /** Title: on user certificates, the holder's 督办 role (supervisor | leader | unit_staff | admin). */
  title: '2.5.4.12',
  UID: '0.9.2342.19200300.100.1.1',
} as const;
export type NameKey = keyof typeof NAME_OIDS;

export interface Name {
  /** The exact DER, compared byte for byte when matching issuer to subject. */
  readonly der: Uint8Array;
  readonly attrs: ReadonlyArray<{ oid: string; value: string }>;
}

/** Builds a Name from ordered [key, value] pairs, one attribute per RDN. */
export function encodeName(parts: Array<[NameKey, string]>): Uint8Array {
  return seq(...parts.map(([k, v]) => setOf(seq(oid(NAME_OIDS[k]), k === 'C' ? printable(v) : utf8(v)))));
}

export function parseName(node: DerNode): Name {
  const attrs: Array<{ oid: string; value: string }> = [];
  for (const rdn of children(node, TAG.SEQUENCE)) {
    for (const atv of children(rdn, TAG.SET)) {
      const r = DerReader.of(atv);
      const type = readOid(r.next(TAG.OID));
      const value = readString(r.next());
      r.end();
      attrs.push({ oid: type, value });
    }
  }
  return { der: node.raw, attrs };
}

export const nameFromDer = (der: Uint8Array): Name => parseName(parseDer(der, TAG.SEQUENCE));

export function nameValue(name: Name, key: NameKey): string | undefined {
  return name.attrs.find((a) => a.oid === NAME_OIDS[key])?.value;
}

/** "CN=张三, O=某市人民政府办公室" for display. */
export function formatName(name: Name): string {
  const short = Object.fromEntries(Object.entries(NAME_OIDS).map(([k, v]) => [v, k]));
  return name.attrs.map((a) => `${short[a.oid] ?? a.oid}=${a.value}`).join(', ');
}
