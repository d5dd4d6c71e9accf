import { CryptoError } from './errors';
import type { CryptoProvider, KeyHandle, KeyUsage, PublicKeyRef } from './provider';
import { encodeSignatureDer, rawToSignature } from './sm2/signature-der';
import { createDigest, digest, random, softSm2, symmetric } from './software';

/**
 * What a device (or the software key store) must implement to become an SM2 provider: only
 * the private-key operations. Everything public — Z_A, e, verification, encryption, SM4 —
 * runs in software in createSm2Provider, which is how the interface stays identical whether
 * the key lives in memory, on a USB key (SKF) or in a crypto machine (SDF).
 */
export interface Sm2Backend {
  readonly id: string;
  listKeys(): Promise<Sm2BackendKey[]>;
  login(pin: string): Promise<void>;
  logout(): Promise<void>;
  isLoggedIn(): boolean;
  /** Signs a 32-byte e; returns r ‖ s (64 bytes), the SKF/SDF convention. */
  signDigest(keyId: string, e: Uint8Array): Promise<Uint8Array>;
  /** Decrypts a GM/T 0009 ASN.1 ciphertext. */
  decrypt(keyId: string, ciphertext: Uint8Array): Promise<Uint8Array>;
}

export interface Sm2BackendKey {
  keyId: string;
  usage: KeyUsage[];
  spki: Uint8Array;
  certificate?: Uint8Array;
  label?: string;
}

export function createSm2Provider(backend: Sm2Backend): CryptoProvider {
  const id = backend.id;
  const own = (key: KeyHandle, usage: KeyUsage): void => {
    if (key.providerId !== id) throw new CryptoError('KEY_NOT_FOUND', `密钥不属于此密码服务(${key.providerId} ≠ ${id})`);
    if (key.algorithm !== 'SM2') throw new CryptoError('UNSUPPORTED', `此密码服务只支持 SM2 密钥`);
    if (!key.usage.includes(usage)) throw new CryptoError('BAD_INPUT', `密钥 ${key.keyId} 不能用于${usage === 'sign' ? '签名' : '解密'}`);
  };
  const signDigest = async (key: KeyHandle, e: Uint8Array): Promise<Uint8Array> => {
    own(key, 'sign');
    if (e.length !== 32) throw new CryptoError('BAD_INPUT', 'SM2 签名的摘要必须为 32 字节');
    const raw = await backend.signDigest(key.keyId, e);
    const sig = rawToSignature(raw);
    if (!sig) throw new CryptoError('DEVICE_ERROR', `密码设备返回的签名格式不正确(${raw.length} 字节)`);
    return encodeSignatureDer(sig);
  };
  const provider: CryptoProvider = {
    id,
    algorithms: ['SM2'],
    createDigest,
    digest,
    sm2Za: softSm2.za,
    messageDigest: softSm2.messageDigest,
    messageDigestStream: softSm2.messageDigestStream,
    sign: (key, message, opts) => signDigest(key, softSm2.messageDigest(key.publicKey, message, opts)),
    signDigest,
    verify: async (key: PublicKeyRef, message, signature, opts) => softSm2.verify(key, message, signature, opts),
    verifyDigest: async (key, e, signature) => softSm2.verifyDigest(key, e, signature),
    encrypt: async (key, plaintext) => softSm2.encrypt(key, plaintext),
    decrypt: async (key, ciphertext) => {
      own(key, 'decrypt');
      return backend.decrypt(key.keyId, ciphertext);
    },
    symmetricEncrypt: symmetric.encrypt,
    symmetricDecrypt: symmetric.decrypt,
    random,
    listKeys: async () =>
      (await backend.listKeys()).map((k) => ({
        providerId: id,
        keyId: k.keyId,
        algorithm: 'SM2' as const,
        usage: k.usage,
        publicKey: { algorithm: 'SM2' as const, spki: k.spki },
        ...(k.certificate ? { certificate: k.certificate } : {}),
        ...(k.label ? { label: k.label } : {}),
      })),
    login: (pin) => backend.login(pin),
    logout: () => backend.logout(),
    isLoggedIn: () => backend.isLoggedIn(),
  };
  return provider;
}
