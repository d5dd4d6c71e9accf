import { bigintToBytes, equalBytes } from '../bytes';
import { ctx, DerReader, parseDer, readBitStringBytes, readInteger, readOctets, readOid, TAG, type DerNode } from '../asn1/der';
import { bitString, explicit, integer, octets, oid, seq } from '../asn1/der-write';
import { badInput } from '../errors';
import { decodePem, encodePem } from '../pem';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE } from './curve';
import { decodePublicPoint, encodePublicPoint, privateKeyFromBytes, type Sm2PrivateKey, type Sm2PublicPoint } from './keys';

/**
 * SM2 keys as SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo with id-ecPublicKey and the SM2
 * curve OID 1.2.156.10197.1.301, the form OpenSSL 3 reads and writes (`genpkey -algorithm sm2`).
 * SEC 1 "EC PRIVATE KEY" files naming the SM2 curve are read too.
 */
const algId = (): Uint8Array => seq(oid(OID_EC_PUBLIC_KEY), oid(OID_SM2_CURVE));

export function encodeSpki(pub: Sm2PublicPoint): Uint8Array {
  return seq(algId(), bitString(encodePublicPoint(pub)));
}

/** Parses an SPKI and checks it names the SM2 curve. Throws BAD_INPUT on anything else. */
export function decodeSpki(der: Uint8Array): Sm2PublicPoint {
  try {
    return decodePublicPoint(readSpkiPoint(parseDer(der, TAG.SEQUENCE)));
  } catch (err) {
    throw badInput(`不是 SM2 公钥(SubjectPublicKeyInfo):${(err as Error).message}`);
  }
}

/** The raw point bytes of an SM2 SPKI node (also used on certificates' embedded SPKI). */
export function readSpkiPoint(node: DerNode): Uint8Array {
  const r = DerReader.of(node);
  const alg = DerReader.of(r.next(TAG.SEQUENCE));
  if (readOid(alg.next(TAG.OID)) !== OID_EC_PUBLIC_KEY) throw new Error('not an EC key');
  if (readOid(alg.next(TAG.OID)) !== OID_SM2_CURVE) throw new Error('curve is not SM2');
  alg.end();
  const point = readBitStringBytes(r.next(TAG.BIT_STRING));
  r.end();
  return point;
}

function ecPrivateKey(key: Sm2PrivateKey, withParams: boolean): Uint8Array {
  const parts = [integer(1), octets(bigintToBytes(key.d, 32))];
  if (withParams) parts.push(explicit(0, oid(OID_SM2_CURVE)));
  parts.push(explicit(1, bitString(encodePublicPoint(key.pub))));
  return seq(...parts);
}

export function encodePkcs8(key: Sm2PrivateKey): Uint8Array {
  return seq(integer(0), algId(), octets(ecPrivateKey(key, false)));
}

function readEcPrivateKey(node: DerNode, requireCurveParam: boolean): Sm2PrivateKey {
  const r = DerReader.of(node);
  if (readInteger(r.next(TAG.INTEGER)) !== 1n) throw new Error('ECPrivateKey version');
  const dBytes = readOctets(r.next(TAG.OCTET_STRING));
  const params = r.optional(ctx(0));
  if (params) {
    if (readOid(parseDer(params.value, TAG.OID)) !== OID_SM2_CURVE) throw new Error('curve is not SM2');
  } else if (requireCurveParam) throw new Error('missing curve');
  const pubNode = r.optional(ctx(1));
  r.end();
  // Keys shorter than 32 bytes appear in the wild (leading zeros dropped): left-pad.
  if (dBytes.length > 32) throw new Error('private key too long');
  const padded = new Uint8Array(32);
  padded.set(dBytes, 32 - dBytes.length);
  const key = privateKeyFromBytes(padded);
  if (pubNode) {
    const pub = readBitStringBytes(parseDer(pubNode.value, TAG.BIT_STRING));
    if (!equalBytes(pub, encodePublicPoint(key.pub))) throw new Error('public key does not match private key');
  }
  return key;
}

export function decodePkcs8(der: Uint8Array): Sm2PrivateKey {
  try {
    const r = DerReader.of(parseDer(der, TAG.SEQUENCE));
    const version = readInteger(r.next(TAG.INTEGER));
    if (version !== 0n && version !== 1n) throw new Error('PKCS#8 version');
    const alg = DerReader.of(r.next(TAG.SEQUENCE));
    if (readOid(alg.next(TAG.OID)) !== OID_EC_PUBLIC_KEY) throw new Error('not an EC key');
    if (readOid(alg.next(TAG.OID)) !== OID_SM2_CURVE) throw new Error('curve is not SM2');
    alg.end();
    const key = readEcPrivateKey(parseDer(readOctets(r.next(TAG.OCTET_STRING)), TAG.SEQUENCE), false);
    // Attributes [0] and a v2 public key [1] may follow; they carry nothing we need.
    r.optional(ctx(0));
    r.optional(0x81);
    r.end();
    return key;
  } catch (err) {
    throw badInput(`不是 SM2 私钥(PKCS#8):${(err as Error).message}`);
  }
}

export function privateKeyToPem(key: Sm2PrivateKey): string {
  return encodePem('PRIVATE KEY', encodePkcs8(key));
}

export function publicKeyToPem(pub: Sm2PublicPoint): string {
  return encodePem('PUBLIC KEY', encodeSpki(pub));
}

export function privateKeyFromPem(text: string): Sm2PrivateKey {
  // OpenSSL 3 writes SEC 1 SM2 keys as 'SM2 PRIVATE KEY' (`openssl ec`), others as 'EC PRIVATE KEY'.
  const block = decodePem(text, ['PRIVATE KEY', 'EC PRIVATE KEY', 'SM2 PRIVATE KEY']);
  if (block.label === 'PRIVATE KEY') return decodePkcs8(block.der);
  try {
    return readEcPrivateKey(parseDer(block.der, TAG.SEQUENCE), true);
  } catch (err) {
    throw badInput(`不是 SM2 私钥(SEC 1):${(err as Error).message}`);
  }
}

export function publicKeyFromPem(text: string): Sm2PublicPoint {
  return decodeSpki(decodePem(text, ['PUBLIC KEY']).der);
}
