import { AppError } from '../../core/result';

/**
 * When a signing key may be used (issue 10, point 8): a person's key is unlocked by its PIN once
 * per session (the running app; per login, so switching identity asks again), and an electronic
 * seal asks for the PIN every time. A use while locked is refused with PIN_REQUIRED, before
 * anything is written; the renderer asks for the PIN and retries (renderer/src/shared/pin.tsx).
 *
 * `auto` unlocks without asking: tests and tools that act in a demo profile (the demo PIN is
 * public). The app's hosts run `session` (main/app/open-app.ts).
 */
export type PinMode = 'session' | 'auto';

/** `details` of PIN_REQUIRED: whether one unlock serves the session or the PIN goes with this call. */
export interface PinRequired {
  scope: 'session' | 'each';
}

export interface PinGateOptions {
  mode?: PinMode;
  /** Checks a PIN for a login (the key store's unlock); throws WRONG_PIN when it is wrong. */
  check: (login: string, pin: string) => void;
}

export class PinGate {
  readonly mode: PinMode;
  private readonly unlockedLogins = new Set<string>();
  private readonly check: PinGateOptions['check'];

  constructor(opts: PinGateOptions) {
    this.mode = opts.mode ?? 'auto';
    this.check = opts.check;
  }

  unlocked(login: string): boolean {
    return this.mode === 'auto' || this.unlockedLogins.has(login);
  }

  /** Unlocks `login`'s key for the rest of the session; WRONG_PIN leaves it locked. */
  unlock(login: string, pin: string): void {
    this.check(login, pin);
    this.unlockedLogins.add(login);
  }

  lock(login: string): void {
    this.unlockedLogins.delete(login);
  }

  /** Before a signature: refused with PIN_REQUIRED while the key is locked. */
  requireSession(login: string): void {
    if (this.unlocked(login)) return;
    throw new AppError('PIN_REQUIRED', '请输入数字证书PIN码解锁签名密钥(本次登录期间有效)', { scope: 'session' } satisfies PinRequired);
  }

  /** Before a seal: the PIN must come with this very call. */
  requireEach(login: string, pin: string | undefined): void {
    if (this.mode === 'auto') return;
    if (!pin) throw new AppError('PIN_REQUIRED', '加盖电子印章须输入PIN码', { scope: 'each' } satisfies PinRequired);
    this.check(login, pin);
  }
}

/** The demo key store's check: every demo key is issued under the demo PIN (main/crypto/demo-pki.ts). */
export function demoPinCheck(demoPin: string): PinGateOptions['check'] {
  return (_login, pin) => {
    if (pin !== demoPin) throw new AppError('WRONG_PIN', 'PIN码错误,请重新输入');
  };
}
