import crypto from 'node:crypto';
import type { PasswordCrypto, ScryptParams } from '../../core/sync/password';
import type { Hmac } from '../../core/sync/token';

/** node's crypto behind the pure interfaces of core/sync (token HMAC, password scrypt). */
export const nodeHmac: Hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

export const nodeRandomBytes = (n: number): Uint8Array => crypto.randomBytes(n);

const maxmem = (p: ScryptParams) => 256 * p.N * p.r + 1024 * 1024;

export const nodePasswordCrypto: PasswordCrypto = {
  scrypt: (password, salt, p) => crypto.scryptSync(password, salt, p.keyLength, { N: p.N, r: p.r, p: p.p, maxmem: maxmem(p) }),
  randomBytes: nodeRandomBytes,
};

/** The same KDF off the event loop, for logins on a server that is also relaying updates. */
export function scryptAsync(password: Uint8Array, salt: Uint8Array, p: ScryptParams): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, p.keyLength, { N: p.N, r: p.r, p: p.p, maxmem: maxmem(p) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}
