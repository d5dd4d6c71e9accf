/**
 * Who may try to log in, and when (issue 9: login lockout and password guessing).
 *
 * - **Slots per client address**: at most `slotsPerAddress` logins of one address are checked
 *   at once (scrypt is CPU-heavy); the slot is taken only after the body has arrived, so a client
 *   that sends headers and never a body holds nothing (the body read has its own deadline).
 * - **Failures back off per login and per address**: after `free` failures, each further one
 *   blocks the key for `baseMs`, doubling up to `maxMs` (等保: 登录失败处理). A blocked key is
 *   refused without checking the password, so guessing gains nothing; a success clears the
 *   login's count (not the address's: one valid account must not reset an attacker's budget).
 *   Counts are forgotten `forgetMs` after the last failure.
 * - **Challenges** (`/auth/challenge`) per address: a token bucket.
 *
 * Bounded memory: each table keeps at most `maxEntries` keys, dropping the oldest first.
 */
export interface BackoffPolicy {
  free: number;
  baseMs: number;
  maxMs: number;
}

export interface LoginGuardOptions {
  now: () => number;
  perLogin: BackoffPolicy;
  perAddress: BackoffPolicy;
  forgetMs: number;
  slotsPerAddress: number;
  /** Bodies being read at once per address (each is cut off at the read deadline anyway). */
  pendingBodiesPerAddress: number;
  challengesPerMinute: number;
  challengeBurst: number;
  maxEntries: number;
}

export const DEFAULT_LOGIN_GUARD: Omit<LoginGuardOptions, 'now'> = {
  perLogin: { free: 5, baseMs: 30_000, maxMs: 15 * 60_000 },
  // An office behind one NAT address shares this budget, hence more room than per login.
  perAddress: { free: 20, baseMs: 30_000, maxMs: 15 * 60_000 },
  forgetMs: 15 * 60_000,
  slotsPerAddress: 4,
  pendingBodiesPerAddress: 64,
  challengesPerMinute: 30,
  challengeBurst: 30,
  maxEntries: 10_000,
};

/** Refused: wait this long (ms) before trying again. */
export interface Refusal {
  retryAfterMs: number;
}

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

export class LoginGuard {
  private readonly opts: LoginGuardOptions;
  private readonly logins = new BoundedMap<string, Failures>();
  private readonly addresses = new BoundedMap<string, Failures>();
  private readonly slots = new Map<string, number>();
  private readonly bodies = new Map<string, number>();
  private readonly challenges = new BoundedMap<string, { tokens: number; at: number }>();

  constructor(opts: Partial<LoginGuardOptions> = {}) {
    this.opts = { ...DEFAULT_LOGIN_GUARD, now: Date.now, ...opts };
    for (const map of [this.logins, this.addresses, this.challenges]) map.max = this.opts.maxEntries;
  }

  /** Whether this address or login is blocked after too many failures. */
  blocked(address: string, login?: string): Refusal | null {
    const now = this.opts.now();
    const until = Math.max(this.current(this.addresses, address, now)?.blockedUntil ?? 0, login === undefined ? 0 : (this.current(this.logins, login, now)?.blockedUntil ?? 0));
    return until > now ? { retryAfterMs: until - now } : null;
  }

  /** Starts reading a body for `address`; null when it already has too many bodies in flight. */
  beginBody(address: string): (() => void) | null {
    return take(this.bodies, address, this.opts.pendingBodiesPerAddress);
  }

  /** A login slot for `address` (release it when done); null when its slots are all busy. */
  takeSlot(address: string): (() => void) | null {
    return take(this.slots, address, this.opts.slotsPerAddress);
  }

  failed(address: string, login?: string): void {
    const now = this.opts.now();
    this.bump(this.addresses, address, this.opts.perAddress, now);
    if (login !== undefined) this.bump(this.logins, login, this.opts.perLogin, now);
  }

  succeeded(login: string): void {
    this.logins.delete(login);
  }

  /** Takes one challenge from the address's bucket. */
  challenge(address: string): Refusal | null {
    const now = this.opts.now();
    const rate = this.opts.challengesPerMinute / 60_000;
    const bucket = this.challenges.get(address) ?? { tokens: this.opts.challengeBurst, at: now };
    bucket.tokens = Math.min(this.opts.challengeBurst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.challenges.set(address, bucket);
      return { retryAfterMs: Math.ceil((1 - bucket.tokens) / rate) };
    }
    bucket.tokens -= 1;
    this.challenges.set(address, bucket);
    return null;
  }

  private current(map: BoundedMap<string, Failures>, key: string, now: number): Failures | null {
    const entry = map.get(key);
    if (!entry) return null;
    if (now - entry.last > this.opts.forgetMs && entry.blockedUntil <= now) {
      map.delete(key);
      return null;
    }
    return entry;
  }

  private bump(map: BoundedMap<string, Failures>, key: string, policy: BackoffPolicy, now: number): void {
    const entry = this.current(map, key, now) ?? { count: 0, last: now, blockedUntil: 0 };
    entry.count++;
    entry.last = now;
    if (entry.count >= policy.free) {
      const wait = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, entry.count - policy.free));
      entry.blockedUntil = Math.max(entry.blockedUntil, now + wait);
    }
    map.set(key, entry);
  }
}

/** Counts one more in flight for `key` if under `max`; returns its release (idempotent). */
function take(counts: Map<string, number>, key: string, max: number): (() => void) | null {
  const n = counts.get(key) ?? 0;
  if (n >= max) return null;
  counts.set(key, n + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(key) ?? 1) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  };
}

/** A Map that forgets its least recently written key beyond `max`. */
class BoundedMap<K, V> extends Map<K, V> {
  max = Infinity;

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.max) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return this;
  }
}
