/**
 * Back-off after wrong PINs. The first few mistakes are free (typos); after that each further
 * attempt must wait, doubling up to a ceiling. The counter is persisted beside the key file,
 * so restarting the app does not reset it, and a correct PIN clears it.
 */
export interface BackoffPolicy {
  freeAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { freeAttempts: 3, firstDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

/** Milliseconds to wait after `failures` consecutive wrong PINs (0 = may try now). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures < policy.freeAttempts) return 0;
  const steps = failures - policy.freeAttempts;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(steps, 30));
}
