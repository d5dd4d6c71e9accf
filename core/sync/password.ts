import * as buffer from 'lib0/buffer';
import * as string from 'lib0/string';
import { constantTimeEqual } from './token';

/**
 * Password hashes as `scrypt$N$r$p$<salt>$<hash>` (base64url). scrypt is memory-hard, so a
 * stolen accounts table is slow to attack. The KDF and randomness are passed in (node's crypto
 * in the server and the CLI), keeping this format in one pure place.
 */
export interface PasswordCrypto {
  scrypt(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Uint8Array;
  randomBytes(n: number): Uint8Array;
}
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}
export interface ParsedHash {
  params: ScryptParams;
  salt: Uint8Array;
  hash: Uint8Array;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1, keyLength: 32 };

export function hashPassword(password: string, crypto: PasswordCrypto, params: ScryptParams = DEFAULT_SCRYPT): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scrypt(string.encodeUtf8(password), salt, params);
  return ['scrypt', params.N, params.r, params.p, buffer.toBase64UrlEncoded(salt), buffer.toBase64UrlEncoded(hash)].join('$');
}

/** Parses a stored hash; bounds keep a tampered row from turning one login into a memory bomb. */
export function parsePasswordHash(stored: string | null): ParsedHash | null {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const hash = buffer.fromBase64UrlEncoded(parts[5]!);
  if (hash.length < 16 || hash.length > 64) return null;
  return { params: { N, r, p, keyLength: hash.length }, salt: buffer.fromBase64UrlEncoded(parts[4]!), hash };
}

export function verifyPassword(password: string, stored: string, crypto: PasswordCrypto): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  return constantTimeEqual(crypto.scrypt(string.encodeUtf8(password), parsed.salt, parsed.params), parsed.hash);
}

/** A hash no password matches: checking unknown logins against it costs the same time. */
export const DUMMY_HASH: ParsedHash = { params: DEFAULT_SCRYPT, salt: new Uint8Array(16), hash: new Uint8Array(32) };
