import type { AccountRepository, User } from '../../core/sync/accounts';
import type { DocRole } from '../../core/sync/acl';
import { signToken, verifyToken } from '../../core/sync/token';
import { nodeHmac, nodeRandomBytes } from './node-crypto';

export type AuthResult = { ok: true; user: User; exp: number } | { ok: false; reason: string };

/**
 * Authentication (tokens) and authorisation (the access rule in core/sync/acl.ts) for the
 * server. Access changes made by `oa` in another process are noticed by polling the accounts'
 * version number, so revocations reach open connections within `pollMs`.
 */
export class AccessControl {
  private readonly secret: Uint8Array;
  private version: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly accounts: AccountRepository,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.secret = accounts.secret(nodeRandomBytes);
    this.version = accounts.aclVersion();
  }

  authenticate(token: unknown): AuthResult {
    const check = verifyToken(token, this.secret, nodeHmac, Math.floor(this.nowMs() / 1000));
    if (!check.ok) return { ok: false, reason: check.reason };
    const user = this.accounts.getUser(check.payload.sub);
    if (!user) return { ok: false, reason: 'unknown-user' };
    if (user.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, user, exp: check.payload.exp };
  }

  issue(login: string, ttlSeconds: number): { token: string; exp: number } {
    const iat = Math.floor(this.nowMs() / 1000);
    const exp = iat + ttlSeconds;
    return { token: signToken({ sub: login, iat, exp }, this.secret, nodeHmac), exp };
  }

  /** The user as stored now (null if deleted or disabled). */
  currentUser(login: string): User | null {
    const user = this.accounts.getUser(login);
    return user && !user.disabled ? user : null;
  }

  roleFor(user: User, docName: string): DocRole | null {
    return this.accounts.accessFor(user, docName);
  }

  /** Calls `onChange` whenever an access change is committed (by this process or by `oa`). */
  watch(pollMs: number, onChange: () => void): void {
    this.timer = setInterval(() => this.poll(onChange), pollMs);
    this.timer.unref();
  }

  poll(onChange: () => void): void {
    const v = this.accounts.aclVersion();
    if (v === this.version) return;
    this.version = v;
    onChange();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
