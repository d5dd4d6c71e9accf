import { equalBytes, wipe } from './bytes';
import { CryptoError } from './errors';
import type { CryptoProvider, KeyUsage } from './provider';
import { createSm2Provider, type Sm2Backend, type Sm2BackendKey } from './sm2-provider';
import { sm2Decrypt } from './sm2/encrypt';
import { privateKeyFromBytes, privateKeyToBytes, type Sm2PrivateKey } from './sm2/keys';
import { encodeSpki } from './sm2/pkcs';
import { signatureToRaw } from './sm2/signature-der';
import { sm2SignDigest } from './sm2/sign';

export const SOFT_SM_PROVIDER_ID = 'soft-sm';

/**
 * Where soft-sm's keys come from. main/crypto/keystore.ts implements it over PIN-encrypted
 * files; memoryKeySource serves tests and ephemeral keys. unlock() is the only place private
 * key bytes cross into the provider, and it checks the PIN (WRONG_PIN, PIN_LOCKED).
 */
export interface SoftKeySource {
  list(): Promise<Sm2BackendKey[]>;
  unlock(pin: string): Promise<Map<string, Uint8Array>>;
}

/** The default provider: SM2/SM3/SM4 in pure TypeScript. */
export function createSoftSmProvider(source: SoftKeySource, opts: { id?: string } = {}): CryptoProvider {
  let unlocked: Map<string, Sm2PrivateKey> | undefined;
  const key = (keyId: string): Sm2PrivateKey => {
    if (!unlocked) throw new CryptoError('NOT_LOGGED_IN', '请先输入 PIN 码登录密钥');
    const k = unlocked.get(keyId);
    if (!k) throw new CryptoError('KEY_NOT_FOUND', `找不到密钥:${keyId}`);
    return k;
  };
  const backend: Sm2Backend = {
    id: opts.id ?? SOFT_SM_PROVIDER_ID,
    listKeys: () => source.list(),
    async login(pin) {
      const raw = await source.unlock(pin);
      const listed = new Map((await source.list()).map((k) => [k.keyId, k]));
      const keys = new Map<string, Sm2PrivateKey>();
      try {
        for (const [keyId, bytes] of raw) {
          const k = privateKeyFromBytes(bytes);
          const entry = listed.get(keyId);
          // A key file whose public half does not match its private half is corrupt, not usable.
          if (!entry || !equalBytes(entry.spki, encodeSpki(k.pub))) throw new CryptoError('KEYSTORE_CORRUPT', `密钥 ${keyId} 的公钥与私钥不匹配`);
          keys.set(keyId, k);
        }
      } finally {
        for (const b of raw.values()) wipe(b);
      }
      unlocked = keys;
    },
    async logout() {
      unlocked = undefined;
    },
    isLoggedIn: () => unlocked !== undefined,
    signDigest: async (keyId, e) => signatureToRaw(sm2SignDigest(key(keyId), e)),
    decrypt: async (keyId, ciphertext) => sm2Decrypt(key(keyId), ciphertext),
  };
  return createSm2Provider(backend);
}

export interface MemoryKey {
  keyId: string;
  key: Sm2PrivateKey;
  usage?: KeyUsage[];
  certificate?: Uint8Array;
  label?: string;
}

/** Keys held in memory behind a PIN: tests, and short-lived keys that are never stored. */
export function memoryKeySource(pin: string, keys: MemoryKey[]): SoftKeySource {
  return {
    list: async () =>
      keys.map((k) => ({
        keyId: k.keyId,
        usage: k.usage ?? ['sign', 'decrypt'],
        spki: encodeSpki(k.key.pub),
        ...(k.certificate ? { certificate: k.certificate } : {}),
        ...(k.label ? { label: k.label } : {}),
      })),
    unlock: async (given) => {
      if (given !== pin) throw new CryptoError('WRONG_PIN', 'PIN 码错误');
      return new Map(keys.map((k) => [k.keyId, privateKeyToBytes(k.key)]));
    },
  };
}
