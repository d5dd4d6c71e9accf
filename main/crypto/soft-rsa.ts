import crypto from 'node:crypto';
import { concatBytes, equalBytes, wipe } from '../../core/crypto/bytes';
import { CryptoError } from '../../core/crypto/errors';
import type { CryptoProvider, KeyHandle, PublicKeyRef } from '../../core/crypto/provider';
import type { SoftKeySource } from '../../core/crypto/soft-sm';
import { createDigest, digest, random, symmetric } from '../../core/crypto/software';

export const SOFT_RSA_PROVIDER_ID = 'soft-rsa';

/** DER prefix of DigestInfo{sha256, OCTET STRING(32)} (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * RSA-2048 with SHA-256 through Node's native crypto (present in Electron's BoringSSL too), for
 * international PKI and PDFs read outside China. Signatures are PKCS#1 v1.5, encryption is
 * OAEP-SHA-256. node-forge is never used for RSA.
 */
export function createSoftRsaProvider(source: SoftKeySource, opts: { id?: string } = {}): CryptoProvider {
  const id = opts.id ?? SOFT_RSA_PROVIDER_ID;
  let unlocked: Map<string, crypto.KeyObject> | undefined;
  const privateKey = (key: KeyHandle, usage: 'sign' | 'decrypt'): crypto.KeyObject => {
    if (key.providerId !== id || key.algorithm !== 'RSA') throw new CryptoError('KEY_NOT_FOUND', `密钥不属于此密码服务(${key.providerId})`);
    if (!key.usage.includes(usage)) throw new CryptoError('BAD_INPUT', `密钥 ${key.keyId} 不能用于${usage === 'sign' ? '签名' : '解密'}`);
    if (!unlocked) throw new CryptoError('NOT_LOGGED_IN', '请先输入 PIN 码登录密钥');
    const k = unlocked.get(key.keyId);
    if (!k) throw new CryptoError('KEY_NOT_FOUND', `找不到密钥:${key.keyId}`);
    return k;
  };
  // Parsing the SPKI costs more than an RSA verification itself: cache per key object.
  const parsed = new WeakMap<Uint8Array, crypto.KeyObject>();
  const publicKey = (key: PublicKeyRef): crypto.KeyObject => {
    if (key.algorithm !== 'RSA') throw new CryptoError('BAD_INPUT', '需要 RSA 公钥');
    const hit = parsed.get(key.spki);
    if (hit) return hit;
    const k = crypto.createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    if (k.asymmetricKeyType !== 'rsa' || (k.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new CryptoError('BAD_INPUT', 'RSA 公钥至少需要 2048 位');
    parsed.set(key.spki, k);
    return k;
  };
  const unsupported = (): never => {
    throw new CryptoError('UNSUPPORTED', 'RSA 密码服务不支持 SM2 运算');
  };
  return {
    id,
    algorithms: ['RSA'],
    createDigest,
    digest,
    sm2Za: unsupported,
    messageDigest: (_key, message) => digest('SHA-256', message),
    messageDigestStream: () => createDigest('SHA-256'),
    async sign(key, message) {
      return new Uint8Array(crypto.sign('sha256', message, privateKey(key, 'sign')));
    },
    async signDigest(key, hash) {
      if (hash.length !== 32) throw new CryptoError('BAD_INPUT', 'SHA-256 摘要必须为 32 字节');
      const k = privateKey(key, 'sign');
      return new Uint8Array(crypto.privateEncrypt({ key: k, padding: crypto.constants.RSA_PKCS1_PADDING }, concatBytes(SHA256_DIGEST_INFO, hash)));
    },
    async verify(key, message, signature) {
      try {
        return crypto.verify('sha256', message, publicKey(key), signature);
      } catch {
        return false;
      }
    },
    async verifyDigest(key, hash, signature) {
      try {
        const recovered = crypto.publicDecrypt({ key: publicKey(key), padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
        return hash.length === 32 && equalBytes(new Uint8Array(recovered), concatBytes(SHA256_DIGEST_INFO, hash));
      } catch {
        return false;
      }
    },
    async encrypt(key, plaintext) {
      return new Uint8Array(crypto.publicEncrypt({ key: publicKey(key), padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, plaintext));
    },
    async decrypt(key, ciphertext) {
      try {
        return new Uint8Array(crypto.privateDecrypt({ key: privateKey(key, 'decrypt'), padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, ciphertext));
      } catch (err) {
        if (err instanceof CryptoError) throw err;
        throw new CryptoError('DECRYPT_FAILED', 'RSA 解密失败');
      }
    },
    symmetricEncrypt: symmetric.encrypt,
    symmetricDecrypt: symmetric.decrypt,
    random,
    listKeys: async () =>
      (await source.list()).map((k) => ({
        providerId: id,
        keyId: k.keyId,
        algorithm: 'RSA' as const,
        usage: k.usage,
        publicKey: { algorithm: 'RSA' as const, spki: k.spki },
        ...(k.certificate ? { certificate: k.certificate } : {}),
        ...(k.label ? { label: k.label } : {}),
      })),
    async login(pin) {
      const raw = await source.unlock(pin);
      const keys = new Map<string, crypto.KeyObject>();
      for (const [keyId, der] of raw) {
        keys.set(keyId, crypto.createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
        wipe(der);
      }
      unlocked = keys;
    },
    logout: async () => void (unlocked = undefined),
    isLoggedIn: () => unlocked !== undefined,
  };
}

/** A new RSA-2048 key pair as PKCS#8 and SPKI DER, for Keystore.addKey. */
export function generateRsaKey(): { privateKey: Uint8Array; spki: Uint8Array } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
  };
}
