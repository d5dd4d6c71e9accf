import { ctx, DerReader, parseDer, readBitStringBytes, readInteger, readOid, TAG } from '../asn1/der';
import { readTime } from '../asn1/der-strings';
import { explicit, integer, octets, oid, seq, tlv, x509Time } from '../asn1/der-write';
import { CryptoError } from '../errors';
import { decodePem, encodePem } from '../pem';
import { sm2WithSm3AlgId } from './certificate';
import { EXT, parseExtensions } from './extensions';
import { parseName, type Name } from './name';

export interface RevokedEntry {
  serial: bigint;
  date: Date;
}

export interface Crl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly issuer: Name;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revoked: readonly RevokedEntry[];
  readonly signature: Uint8Array;
}

export interface CrlSpec {
  issuer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: RevokedEntry[];
  crlNumber: bigint;
  authorityKeyId: Uint8Array;
}

/** TBSCertList v2 with crlNumber and authorityKeyIdentifier (RFC 5280 §5). */
export function buildTbsCrl(spec: CrlSpec): Uint8Array {
  const entries = spec.revoked.map((r) => seq(integer(r.serial), x509Time(r.date)));
  const exts = seq(
    seq(oid(EXT.authorityKeyId), octets(seq(tlv(0x80, spec.authorityKeyId)))),
    seq(oid(EXT.crlNumber), octets(integer(spec.crlNumber))),
  );
  return seq(
    integer(1),
    sm2WithSm3AlgId(),
    spec.issuer,
    x509Time(spec.thisUpdate),
    x509Time(spec.nextUpdate),
    ...(entries.length ? [seq(...entries)] : []), // an empty list is omitted, not encoded empty
    explicit(0, exts),
  );
}

export function parseCrl(der: Uint8Array): Crl {
  try {
    const outer = DerReader.of(parseDer(der, TAG.SEQUENCE));
    const tbsNode = outer.next(TAG.SEQUENCE);
    const signatureAlgorithm = readOid(DerReader.of(outer.next(TAG.SEQUENCE)).next(TAG.OID));
    const signature = readBitStringBytes(outer.next(TAG.BIT_STRING));
    outer.end();
    const t = DerReader.of(tbsNode);
    const version = t.optional(TAG.INTEGER);
    if (version && readInteger(version) !== 1n) throw new Error('CRL version');
    if (readOid(DerReader.of(t.next(TAG.SEQUENCE)).next(TAG.OID)) !== signatureAlgorithm) throw new Error('inner and outer algorithms differ');
    const issuer = parseName(t.next(TAG.SEQUENCE));
    const thisUpdate = readTime(t.next());
    const nextTag = t.peekTag();
    const nextUpdate = nextTag === TAG.UTC_TIME || nextTag === TAG.GENERALIZED_TIME ? readTime(t.next()) : undefined;
    const revoked: RevokedEntry[] = [];
    const list = t.optional(TAG.SEQUENCE);
    if (list) {
      const lr = DerReader.of(list);
      while (!lr.done) {
        const e = DerReader.of(lr.next(TAG.SEQUENCE));
        revoked.push({ serial: readInteger(e.next(TAG.INTEGER)), date: readTime(e.next()) });
        e.optional(TAG.SEQUENCE); // entry extensions (reason code …)
        e.end();
      }
    }
    const exts = t.optional(ctx(0));
    if (exts && parseExtensions(parseDer(exts.value, TAG.SEQUENCE)).unknownCritical.length) throw new Error('unknown critical CRL extension');
    t.end();
    return { der, tbs: tbsNode.raw, signatureAlgorithm, issuer, thisUpdate, ...(nextUpdate ? { nextUpdate } : {}), revoked, signature };
  } catch (err) {
    throw new CryptoError('CERT_INVALID', `吊销列表格式不正确:${(err as Error).message}`);
  }
}

export const crlToPem = (der: Uint8Array): string => encodePem('X509 CRL', der);
export const crlFromPem = (pem: string): Crl => parseCrl(decodePem(pem, ['X509 CRL']).der);
