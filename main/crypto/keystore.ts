import fs from 'node:fs';
import path from 'node:path';
import { fromBase64, toBase64, toHex, utf8Encode } from '../../core/crypto/bytes';
import { CryptoError } from '../../core/crypto/errors';
import { DEFAULT_PIN_ITERATIONS, keyAad, openWithPin, sealWithPin } from '../../core/crypto/pin-seal';
import type { KeyAlgorithm, KeyUsage } from '../../core/crypto/provider';
import type { SoftKeySource } from '../../core/crypto/soft-sm';
import type { Sm2BackendKey } from '../../core/crypto/sm2-provider';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { AttemptsFile, TokenFile, type StoredKey } from './keystore-format';
import type { KeyWrapper } from './safe-storage';

export interface KeystoreOptions {
  /** The keystore directory, normally `<dataDir>/keys`. */
  dir: string;
  now?: () => number;
  /** PBKDF2 iterations for new keys (tests lower it; existing keys keep theirs). */
  iterations?: number;
  wrapper?: KeyWrapper;
  backoff?: BackoffPolicy;
}

export interface NewKey {
  keyId: string;
  algorithm: KeyAlgorithm;
  usage: KeyUsage[];
  /** Raw private key: 32-byte SM2 scalar, or PKCS#8 DER for RSA. */
  privateKey: Uint8Array;
  spki: Uint8Array;
  certificate?: Uint8Array;
  label?: string;
}

/**
 * Users' private keys on disk, one file per user (a "token"), each key sealed under the user's
 * PIN. The PIN is never stored; wrong PINs are counted in a side file and answered with
 * WRONG_PIN, then PIN_LOCKED for a growing delay.
 */
export class Keystore {
  private readonly now: () => number;
  constructor(private readonly opts: KeystoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  static forDataDir(dataDir: string, opts: Omit<KeystoreOptions, 'dir'> = {}): Keystore {
    return new Keystore({ ...opts, dir: path.join(dataDir, 'keys') });
  }

  private file(login: string, suffix = '.json'): string {
    if (login.length === 0 || login.length > 128) throw new CryptoError('BAD_INPUT', '用户名不合法');
    const safe = /^[A-Za-z0-9._-]{1,64}$/.test(login) && !login.startsWith('.') ? login : `u-${toHex(utf8Encode(login))}`;
    return path.join(this.opts.dir, safe + suffix);
  }

  exists(login: string): boolean {
    return fs.existsSync(this.file(login));
  }

  /** Reads and checks a token file. Missing → KEY_NOT_FOUND; unreadable → KEYSTORE_CORRUPT. */
  read(login: string): TokenFile {
    const file = this.file(login);
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CryptoError('KEY_NOT_FOUND', `用户 ${login} 没有密钥`);
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw corrupt(file, '不是有效的 JSON');
    }
    const result = TokenFile.safeParse(parsed);
    if (!result.success) throw corrupt(file, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(';'));
    if (result.data.login !== login) throw corrupt(file, `文件属于用户 ${result.data.login}`);
    return result.data;
  }

  /** Seals and adds a key to the user's token (creating it). An existing corrupt file is never overwritten. */
  addKey(login: string, pin: string, key: NewKey): void {
    const token: TokenFile = this.exists(login) ? this.read(login) : { format: 'xietong-keystore', version: 1, login, keys: [] };
    if (token.keys.some((k) => k.keyId === key.keyId)) throw new CryptoError('BAD_INPUT', `密钥 ${key.keyId} 已存在`);
    // All keys of a token share one PIN: check it against an existing key first.
    if (token.keys.length > 0) this.unlock(login, pin);
    const sealed = sealWithPin(key.privateKey, pin, keyAad(login, key.keyId, key.algorithm, key.spki), this.opts.iterations ?? DEFAULT_PIN_ITERATIONS);
    const wrapper = this.opts.wrapper;
    const stored: StoredKey = {
      keyId: key.keyId,
      algorithm: key.algorithm,
      usage: key.usage,
      ...(key.label ? { label: key.label } : {}),
      createdAt: new Date(this.now()).toISOString(),
      spki: toBase64(key.spki),
      ...(key.certificate ? { certificate: toBase64(key.certificate) } : {}),
      kdf: { name: 'PBKDF2-HMAC-SM3', iterations: sealed.iterations, salt: toBase64(sealed.salt) },
      cipher: { name: 'SM4-CBC', iv: toBase64(sealed.iv) },
      ...(wrapper ? { wrapper: wrapper.id } : {}),
      ciphertext: toBase64(wrapper ? wrapper.wrap(sealed.ciphertext) : sealed.ciphertext),
      mac: toBase64(sealed.mac),
    };
    token.keys.push(stored);
    this.write(login, token);
  }

  setCertificate(login: string, keyId: string, certificate: Uint8Array): void {
    const token = this.read(login);
    const key = token.keys.find((k) => k.keyId === keyId);
    if (!key) throw new CryptoError('KEY_NOT_FOUND', `找不到密钥:${login}/${keyId}`);
    key.certificate = toBase64(certificate);
    this.write(login, token);
  }

  /** Public information about a user's keys, optionally of one algorithm. */
  list(login: string, algorithm?: KeyAlgorithm): Sm2BackendKey[] {
    return this.read(login)
      .keys.filter((k) => !algorithm || k.algorithm === algorithm)
      .map((k) => ({
        keyId: k.keyId,
        usage: k.usage,
        spki: fromBase64(k.spki),
        ...(k.certificate ? { certificate: fromBase64(k.certificate) } : {}),
        ...(k.label ? { label: k.label } : {}),
      }));
  }

  /** Checks the PIN (with back-off) and returns the raw private keys by key id. */
  unlock(login: string, pin: string, algorithm?: KeyAlgorithm): Map<string, Uint8Array> {
    const token = this.read(login);
    const attempts = this.readAttempts(login);
    const wait = attempts.lastFailureAt + backoffDelay(attempts.failures, this.opts.backoff ?? DEFAULT_BACKOFF) - this.now();
    if (attempts.failures > 0 && wait > 0) {
      throw new CryptoError('PIN_LOCKED', `PIN 码错误次数过多,请在 ${Math.ceil(wait / 1000)} 秒后重试`, { retryAfterMs: wait });
    }
    const out = new Map<string, Uint8Array>();
    // Each key costs one slow KDF: open only the requested algorithm's keys, but always at
    // least one, so a wrong PIN is never accepted just because nothing matched.
    const wanted = token.keys.filter((k) => !algorithm || k.algorithm === algorithm);
    for (const k of wanted.length > 0 ? wanted : token.keys.slice(0, 1)) {
      const secret = openWithPin(this.sealed(k), pin, keyAad(login, k.keyId, k.algorithm, fromBase64(k.spki)));
      if (!secret) {
        const failures = attempts.failures + 1;
        this.writeAttempts(login, { failures, lastFailureAt: this.now() });
        const next = backoffDelay(failures, this.opts.backoff ?? DEFAULT_BACKOFF);
        throw new CryptoError('WRONG_PIN', next > 0 ? `PIN 码错误,请在 ${Math.ceil(next / 1000)} 秒后重试` : 'PIN 码错误', { failures });
      }
      if (!algorithm || k.algorithm === algorithm) out.set(k.keyId, secret);
    }
    if (attempts.failures > 0) fs.rmSync(this.file(login, '.attempts.json'), { force: true });
    return out;
  }

  /** The user's token as a key source for soft-sm (algorithm 'SM2') or soft-rsa ('RSA'). */
  source(login: string, algorithm: KeyAlgorithm): SoftKeySource {
    return {
      list: async () => this.list(login, algorithm),
      unlock: async (pin) => this.unlock(login, pin, algorithm),
    };
  }

  private sealed(k: StoredKey) {
    let ciphertext = fromBase64(k.ciphertext);
    if (k.wrapper) {
      if (!this.opts.wrapper || this.opts.wrapper.id !== k.wrapper) {
        throw new CryptoError('UNSUPPORTED', `密钥 ${k.keyId} 受本机系统保护(${k.wrapper}),只能在创建它的电脑和账户中使用`);
      }
      ciphertext = this.opts.wrapper.unwrap(ciphertext);
    }
    return { iterations: k.kdf.iterations, salt: fromBase64(k.kdf.salt), iv: fromBase64(k.cipher.iv), ciphertext, mac: fromBase64(k.mac) };
  }

  private readAttempts(login: string): AttemptsFile {
    try {
      const parsed = AttemptsFile.safeParse(JSON.parse(fs.readFileSync(this.file(login, '.attempts.json'), 'utf8')));
      // An unreadable counter counts as locked-for-a-while rather than as zero failures.
      return parsed.success ? parsed.data : { failures: (this.opts.backoff ?? DEFAULT_BACKOFF).freeAttempts, lastFailureAt: this.now() };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { failures: 0, lastFailureAt: 0 };
      return { failures: (this.opts.backoff ?? DEFAULT_BACKOFF).freeAttempts, lastFailureAt: this.now() };
    }
  }

  private writeAttempts(login: string, a: AttemptsFile): void {
    atomicWrite(this.file(login, '.attempts.json'), JSON.stringify(a));
  }

  private write(login: string, token: TokenFile): void {
    atomicWrite(this.file(login), JSON.stringify(token, null, 2) + '\n');
  }
}

function corrupt(file: string, why: string): CryptoError {
  return new CryptoError('KEYSTORE_CORRUPT', `密钥文件已损坏,未作任何修改:${file}(${why})`);
}

/** Write-then-rename, so a crash never leaves a half-written key file. */
export function atomicWrite(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
