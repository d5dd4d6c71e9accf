import { sha256 } from '@noble/hashes/sha2.js';
import { badInput } from './errors';
import type { DigestAlgorithm, HashStream, PublicKeyRef, SignOptions } from './provider';
import { randomBytes } from './random';
import { Sm3 } from './sm3';
import { sm4Decrypt, sm4Encrypt, type Sm4Params } from './sm4-modes';
import { sm2Encrypt } from './sm2/encrypt';
import type { Sm2PublicPoint } from './sm2/keys';
import { decodeSpki } from './sm2/pkcs';
import { decodeSignatureDer } from './sm2/signature-der';
import { sm2VerifyDigest } from './sm2/sign';
import { SignerTableCache } from './sm2/signer-cache';
import { sm2E, sm2EStream, sm2Za } from './sm2/za';

/**
 * The public-key and symmetric operations every provider shares: they need no private key,
 * so a USB-key provider runs them in software exactly like soft-sm does.
 */
export function createDigest(algorithm: DigestAlgorithm): HashStream {
  if (algorithm === 'SM3') return new Sm3();
  if (algorithm === 'SHA-256') {
    const h = sha256.create();
    const stream: HashStream = {
      update: (d) => {
        h.update(d);
        return stream;
      },
      digest: () => h.digest(),
    };
    return stream;
  }
  throw badInput(`不支持的摘要算法:${String(algorithm)}`);
}

export const digest = (algorithm: DigestAlgorithm, data: Uint8Array): Uint8Array => createDigest(algorithm).update(data).digest();

// SPKI parsing is cheap but not free; verifying the same key object repeatedly is the norm.
const pointCache = new WeakMap<Uint8Array, Sm2PublicPoint>();

export function sm2Point(key: PublicKeyRef): Sm2PublicPoint {
  if (key.algorithm !== 'SM2') throw badInput('需要 SM2 公钥');
  let p = pointCache.get(key.spki);
  if (!p) {
    p = decodeSpki(key.spki);
    pointCache.set(key.spki, p);
  }
  return p;
}

export const signerTables = new SignerTableCache();

export const softSm2 = {
  za: (key: PublicKeyRef, id?: string | Uint8Array): Uint8Array => sm2Za(sm2Point(key), id),
  messageDigest: (key: PublicKeyRef, message: Uint8Array, opts?: SignOptions): Uint8Array => sm2E(sm2Point(key), message, opts?.id),
  messageDigestStream: (key: PublicKeyRef, opts?: SignOptions): HashStream => sm2EStream(sm2Point(key), opts?.id),

  /** Never throws. */
  verifyDigest(key: PublicKeyRef, e: Uint8Array, signature: Uint8Array): boolean {
    try {
      const sig = decodeSignatureDer(signature);
      if (!sig || e.length !== 32) return false;
      const pub = sm2Point(key);
      return sm2VerifyDigest(pub, e, sig, signerTables.get(pub));
    } catch {
      return false;
    }
  },

  verify(key: PublicKeyRef, message: Uint8Array, signature: Uint8Array, opts?: SignOptions): boolean {
    try {
      return softSm2.verifyDigest(key, softSm2.messageDigest(key, message, opts), signature);
    } catch {
      return false;
    }
  },

  encrypt: (key: PublicKeyRef, plaintext: Uint8Array): Uint8Array => sm2Encrypt(sm2Point(key), plaintext),
};

export const symmetric = {
  encrypt: (params: Sm4Params, data: Uint8Array): Uint8Array => sm4Encrypt(params, data),
  decrypt: (params: Sm4Params, data: Uint8Array): Uint8Array => sm4Decrypt(params, data),
};

export const random = (length: number): Uint8Array => randomBytes(length);
