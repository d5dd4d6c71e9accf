import { bigintToBytes, equalBytes } from '../bytes';
import { DerReader, parseDer, readInteger, readOctets, TAG } from '../asn1/der';
import { integer, octets, seq } from '../asn1/der-write';
import { badInput, CryptoError } from '../errors';
import { sm2Kdf } from '../hmac';
import { sm3 } from '../sm3';
import { isOnCurve, Sm2Point } from './curve';
import { mulBase, randomScalar, type Sm2PrivateKey, type Sm2PublicPoint } from './keys';

/**
 * SM2 public-key encryption (GB/T 32918.4) in the GM/T 0009 ASN.1 form, order C1C3C2:
 * SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (C3), ciphertext OCTET STRING (C2) }.
 * This is what OpenSSL 3's `pkeyutl -encrypt` produces for SM2 keys.
 */
export function sm2Encrypt(pub: Sm2PublicPoint, plaintext: Uint8Array): Uint8Array {
  if (plaintext.length === 0) throw badInput('SM2 加密的明文不能为空');
  for (;;) {
    const out = encryptWithK(pub, plaintext, randomScalar(Sm2Point.Fn.ORDER - 1n));
    if (out) return out;
  }
}

/** One attempt with a given k (known-answer tests); null if the KDF output is all zero. */
export function encryptWithK(pub: Sm2PublicPoint, plaintext: Uint8Array, k: bigint): Uint8Array | null {
  const c1 = mulBase(k);
  // k is secret and P_B arbitrary: noble's blinded multiplication, not the public-scalar paths.
  const s = Sm2Point.fromAffine(pub).multiply(k).toAffine();
  const x2 = bigintToBytes(s.x, 32);
  const y2 = bigintToBytes(s.y, 32);
  const t = sm2Kdf(new Uint8Array([...x2, ...y2]), plaintext.length);
  if (t.every((b) => b === 0)) return null;
  const c2 = xor(plaintext, t);
  const c3 = sm3(x2, plaintext, y2);
  return seq(integer(c1.x), integer(c1.y), octets(c3), octets(c2));
}

export function sm2Decrypt(key: Sm2PrivateKey, ciphertext: Uint8Array): Uint8Array {
  let x: bigint, y: bigint, c3: Uint8Array, c2: Uint8Array;
  try {
    const r = DerReader.of(parseDer(ciphertext, TAG.SEQUENCE));
    x = readInteger(r.next(TAG.INTEGER));
    y = readInteger(r.next(TAG.INTEGER));
    c3 = readOctets(r.next(TAG.OCTET_STRING));
    c2 = readOctets(r.next(TAG.OCTET_STRING));
    r.end();
  } catch {
    throw new CryptoError('DECRYPT_FAILED', 'SM2 密文格式不正确');
  }
  if (!isOnCurve(x, y) || c3.length !== 32 || c2.length === 0) throw new CryptoError('DECRYPT_FAILED', 'SM2 密文格式不正确');
  const s = Sm2Point.fromAffine({ x, y }).multiply(key.d).toAffine();
  const x2 = bigintToBytes(s.x, 32);
  const y2 = bigintToBytes(s.y, 32);
  const t = sm2Kdf(new Uint8Array([...x2, ...y2]), c2.length);
  if (t.every((b) => b === 0)) throw new CryptoError('DECRYPT_FAILED', 'SM2 解密失败');
  const m = xor(c2, t);
  if (!equalBytes(sm3(x2, m, y2), c3)) throw new CryptoError('DECRYPT_FAILED', 'SM2 解密失败:密文校验值不符');
  return m;
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
