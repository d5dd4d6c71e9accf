import { z } from 'zod';

/**
 * On-disk format of one user's key file, `<dataDir>/keys/<login>.json`. Every file is checked
 * with these schemas when read: a corrupt file is reported (KEYSTORE_CORRUPT) and left as it
 * is, never rewritten, so nothing is lost.
 *
 * Each private key is encrypted with SM4-CBC under a key derived from the PIN by
 * PBKDF2-HMAC-SM3 (GM/T 0091-2020) with its own random salt; an HMAC-SM3 over the header,
 * the public key and the ciphertext (encrypt-then-MAC) detects a wrong PIN and any tampering.
 */
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const KdfParams = z.object({
  name: z.literal('PBKDF2-HMAC-SM3'),
  // Bounded: a tampered file must not turn one login into minutes of CPU.
  iterations: z.number().int().min(1).max(50_000_000),
  salt: b64,
});

export const StoredKey = z.object({
  keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  algorithm: z.enum(['SM2', 'RSA']),
  usage: z.array(z.enum(['sign', 'decrypt'])).min(1),
  label: z.string().max(200).optional(),
  createdAt: z.string(),
  spki: b64,
  certificate: b64.optional(),
  kdf: KdfParams,
  cipher: z.object({ name: z.literal('SM4-CBC'), iv: b64 }),
  /** Set when the ciphertext is additionally wrapped by the OS (Electron safeStorage). */
  wrapper: z.string().max(64).optional(),
  ciphertext: b64,
  mac: b64,
});
export type StoredKey = z.infer<typeof StoredKey>;

export const TokenFile = z.object({
  format: z.literal('xietong-keystore'),
  version: z.literal(1),
  login: z.string().min(1).max(128),
  keys: z.array(StoredKey),
});
export type TokenFile = z.infer<typeof TokenFile>;

/** Failed PIN attempts, in a separate file so that counting failures never rewrites key material. */
export const AttemptsFile = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.number(),
});
export type AttemptsFile = z.infer<typeof AttemptsFile>;
