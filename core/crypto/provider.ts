import type { Sm4Params } from './sm4-modes';

/**
 * The provider interface. Callers hold key handles and never private key bytes, so a USB key
 * (GM/T 0016 SKF) or a crypto machine (GM/T 0018 SDF) can replace the software provider
 * without any caller changing. Those devices sign a 32-byte digest computed outside, hence
 * signDigest beside sign and messageDigest to compute e = SM3(Z_A ‖ M).
 *
 * Verification never throws or rejects: a malformed key or signature is simply not valid.
 * Other failures throw CryptoError with a code (WRONG_PIN, KEY_NOT_FOUND, BAD_INPUT, …).
 */
export type KeyAlgorithm = 'SM2' | 'RSA';
export type KeyUsage = 'sign' | 'decrypt';
export type DigestAlgorithm = 'SM3' | 'SHA-256';

/** A public key as SubjectPublicKeyInfo DER, with its algorithm. */
export interface PublicKeyRef {
  readonly algorithm: KeyAlgorithm;
  readonly spki: Uint8Array;
}

export interface KeyHandle {
  readonly providerId: string;
  readonly keyId: string;
  readonly algorithm: KeyAlgorithm;
  readonly usage: readonly KeyUsage[];
  readonly publicKey: PublicKeyRef;
  /** DER X.509 certificate for this key, when one has been issued. */
  readonly certificate?: Uint8Array;
  readonly label?: string;
}

export interface SignOptions {
  /** SM2 user ID for Z_A. Defaults to SM2_DEFAULT_ID; ignored for RSA. */
  id?: string | Uint8Array;
}

export interface HashStream {
  update(data: Uint8Array): HashStream;
  digest(): Uint8Array;
}

export interface CryptoProvider {
  readonly id: string;
  readonly algorithms: readonly KeyAlgorithm[];

  createDigest(algorithm: DigestAlgorithm): HashStream;
  digest(algorithm: DigestAlgorithm, data: Uint8Array): Uint8Array;
  /** SM2: Z_A for a public key and ID. */
  sm2Za(key: PublicKeyRef, id?: string | Uint8Array): Uint8Array;
  /** The digest signDigest expects: e = SM3(Z_A ‖ M) for SM2, SHA-256(M) for RSA. */
  messageDigest(key: PublicKeyRef, message: Uint8Array, opts?: SignOptions): Uint8Array;
  /** Streaming messageDigest for large inputs. */
  messageDigestStream(key: PublicKeyRef, opts?: SignOptions): HashStream;

  /** Signs a message; returns DER (SM2: SEQUENCE{r,s}; RSA: PKCS#1 v1.5 signature bytes). */
  sign(key: KeyHandle, message: Uint8Array, opts?: SignOptions): Promise<Uint8Array>;
  /** Signs a precomputed 32-byte digest from messageDigest. */
  signDigest(key: KeyHandle, digest: Uint8Array): Promise<Uint8Array>;
  verify(key: PublicKeyRef, message: Uint8Array, signature: Uint8Array, opts?: SignOptions): Promise<boolean>;
  verifyDigest(key: PublicKeyRef, digest: Uint8Array, signature: Uint8Array): Promise<boolean>;

  /** SM2: GM/T 0009 ASN.1 C1C3C2. RSA: OAEP-SHA-256. */
  encrypt(key: PublicKeyRef, plaintext: Uint8Array): Promise<Uint8Array>;
  decrypt(key: KeyHandle, ciphertext: Uint8Array): Promise<Uint8Array>;
  /** SM4 with an explicit mode, IV and padding. */
  symmetricEncrypt(params: Sm4Params, data: Uint8Array): Uint8Array;
  symmetricDecrypt(params: Sm4Params, data: Uint8Array): Uint8Array;
  random(length: number): Uint8Array;

  listKeys(): Promise<KeyHandle[]>;
  /** Unlocks the token's private keys. WRONG_PIN on a wrong PIN, PIN_LOCKED during back-off. */
  login(pin: string): Promise<void>;
  /** Forgets unlocked keys. */
  logout(): Promise<void>;
  isLoggedIn(): boolean;
}
