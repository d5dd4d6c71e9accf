import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AccountRepository } from '../../core/sync/accounts';
import type { PasswordCrypto } from '../../core/sync/password';
import { signToken, type Hmac } from '../../core/sync/token';

/**
 * The `oa token|user|acl` commands administer a sync server's data directory directly, in the
 * same SQLite file the server uses (WAL mode, so it can run while the server is up; the server
 * notices access changes within a second).
 */
export function withAccounts<T>(dir: string, run: (accounts: AccountRepository) => T): T {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'sync.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    return run(new AccountRepository(db));
  } finally {
    db.close();
  }
}

export const nodeHmac: Hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

export const nodePasswordCrypto: PasswordCrypto = {
  scrypt: (password, salt, p) => crypto.scryptSync(password, salt, p.keyLength, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }),
  randomBytes: (n) => crypto.randomBytes(n),
};

/** Issues a token signed with the server's secret (created on first use). */
export function issueToken(accounts: AccountRepository, login: string, ttlSeconds: number, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  return signToken({ sub: login, iat, exp: iat + ttlSeconds }, accounts.secret(nodePasswordCrypto.randomBytes), nodeHmac);
}
