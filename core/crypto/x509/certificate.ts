import { toHex } from '../bytes';
import { sm3 } from '../sm3';
import { ctx, DerReader, parseDer, readBitStringBytes, readInteger, readOid, TAG, type DerNode } from '../asn1/der';
import { readTime } from '../asn1/der-strings';
import { bitString, explicit, integer, oid, seq, x509Time } from '../asn1/der-write';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE, OID_SM2_WITH_SM3 } from '../sm2/curve';
import { CryptoError } from '../errors';
import { decodePem, encodePem } from '../pem';
import type { KeyAlgorithm, PublicKeyRef } from '../provider';
import { encodeExtensions, parseExtensions, type ExtensionSpec, type Extensions } from './extensions';
import { parseName, type Name } from './name';

const OID_RSA = '1.2.840.113549.1.1.1';

export interface Certificate {
  readonly der: Uint8Array;
  /** The exact signed bytes. */
  readonly tbs: Uint8Array;
  readonly serial: bigint;
  readonly serialHex: string;
  readonly signatureAlgorithm: string;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyRef | { algorithm: 'OTHER'; spki: Uint8Array };
  readonly extensions: Extensions;
  readonly signature: Uint8Array;
}

/** AlgorithmIdentifier for SM2-with-SM3, without parameters (as OpenSSL and GM/T 0015 write it). */
export const sm2WithSm3AlgId = (): Uint8Array => seq(oid(OID_SM2_WITH_SM3));

function readAlgId(node: DerNode): string {
  const r = DerReader.of(node);
  const id = readOid(r.next(TAG.OID));
  // NULL or curve parameters may follow for other algorithms; SM2-with-SM3 has none.
  if (id === OID_SM2_WITH_SM3) r.end();
  return id;
}

function keyAlgorithm(spki: DerNode): KeyAlgorithm | 'OTHER' {
  const alg = DerReader.of(DerReader.of(spki).next(TAG.SEQUENCE));
  const id = readOid(alg.next(TAG.OID));
  if (id === OID_RSA) return 'RSA';
  if (id === OID_EC_PUBLIC_KEY && alg.peekTag() === TAG.OID && readOid(alg.next(TAG.OID)) === OID_SM2_CURVE) return 'SM2';
  return 'OTHER';
}

/** Strict parse of an X.509 v3 certificate. Throws CERT_INVALID. */
export function parseCertificate(der: Uint8Array): Certificate {
  try {
    const outer = DerReader.of(parseDer(der, TAG.SEQUENCE));
    const tbsNode = outer.next(TAG.SEQUENCE);
    const signatureAlgorithm = readAlgId(outer.next(TAG.SEQUENCE));
    const signature = readBitStringBytes(outer.next(TAG.BIT_STRING));
    outer.end();
    const t = DerReader.of(tbsNode);
    const versionNode = t.optional(ctx(0));
    const version = versionNode ? readInteger(parseDer(versionNode.value, TAG.INTEGER)) : 0n;
    // v1 (no extensions) is still what `openssl x509 -req` issues without an extfile.
    if (version !== 2n && version !== 0n) throw new Error('only X.509 v1 and v3 certificates are supported');
    const serial = readInteger(t.next(TAG.INTEGER));
    if (readAlgId(t.next(TAG.SEQUENCE)) !== signatureAlgorithm) throw new Error('inner and outer signature algorithms differ');
    const issuer = parseName(t.next(TAG.SEQUENCE));
    const validity = DerReader.of(t.next(TAG.SEQUENCE));
    const notBefore = readTime(validity.next());
    const notAfter = readTime(validity.next());
    validity.end();
    const subject = parseName(t.next(TAG.SEQUENCE));
    const spkiNode = t.next(TAG.SEQUENCE);
    t.optional(0x81); // issuerUniqueID
    t.optional(0x82); // subjectUniqueID
    const extNode = t.optional(ctx(3));
    t.end();
    if (extNode && version !== 2n) throw new Error('extensions in a v1 certificate');
    const algorithm = keyAlgorithm(spkiNode);
    return {
      der,
      tbs: tbsNode.raw,
      serial,
      serialHex: serial.toString(16).padStart(2, '0'),
      signatureAlgorithm,
      issuer,
      subject,
      notBefore,
      notAfter,
      publicKey: { algorithm, spki: spkiNode.raw } as Certificate['publicKey'],
      extensions: parseExtensions(extNode ? parseDer(extNode.value, TAG.SEQUENCE) : undefined),
      signature,
    };
  } catch (err) {
    throw new CryptoError('CERT_INVALID', `证书格式不正确:${(err as Error).message}`);
  }
}

export interface TbsSpec {
  serial: bigint;
  issuer: Uint8Array;
  subject: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  extensions: ExtensionSpec;
}

export function buildTbsCertificate(spec: TbsSpec): Uint8Array {
  return seq(
    explicit(0, integer(2)),
    integer(spec.serial),
    sm2WithSm3AlgId(),
    spec.issuer,
    seq(x509Time(spec.notBefore), x509Time(spec.notAfter)),
    spec.subject,
    spec.spki,
    explicit(3, encodeExtensions(spec.extensions)),
  );
}

/** Certificate or CRL: SEQUENCE { tbs, SM2-with-SM3, BIT STRING signature }. */
export const assembleSigned = (tbs: Uint8Array, signatureDer: Uint8Array): Uint8Array => seq(tbs, sm2WithSm3AlgId(), bitString(signatureDer));

export const certificateToPem = (der: Uint8Array): string => encodePem('CERTIFICATE', der);
export const certificateFromPem = (pem: string): Certificate => parseCertificate(decodePem(pem, ['CERTIFICATE']).der);
/** SM3 fingerprint of the DER, for display and for matching a certificate in logs. */
export const fingerprint = (cert: Certificate): string => toHex(sm3(cert.der));
