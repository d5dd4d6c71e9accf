import type { Bridge } from '../../../core/ipc/client';
import { channelOf } from '../../../core/ipc/contract';

/**
 * A call refused with PIN_REQUIRED (a locked signing key, or a seal that needs its PIN) is not an
 * error the user should read: the bridge asks for the PIN (usePinPrompt, mounted once by the
 * shell) and retries, so every area's actions get it without code of their own.
 * - scope `session`: `signing.unlock {pin}` once, then the same call again;
 * - scope `each` (用印): the same call again with `pin` added.
 * A wrong PIN asks again, saying so; a cancelled dialog hands the PIN_REQUIRED error to the caller.
 */
export type PinScope = 'session' | 'each';
export type PinPrompt = (scope: PinScope, problem: string | null) => Promise<string | null>;

let prompt: PinPrompt | null = null;

/** Registers the dialog (usePinPrompt); returns the unregistration. */
export function setPinPrompt(p: PinPrompt): () => void {
  prompt = p;
  return () => {
    if (prompt === p) prompt = null;
  };
}

type Envelope = { ok?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } };
const errorOf = (raw: unknown) => (raw && typeof raw === 'object' && (raw as Envelope).ok === false ? (raw as Envelope).error : undefined);

function scopeOf(raw: unknown): PinScope | null {
  const error = errorOf(raw);
  if (error?.code !== 'PIN_REQUIRED') return null;
  return (error.details as { scope?: unknown } | undefined)?.scope === 'each' ? 'each' : 'session';
}
const wrongPin = (raw: unknown): string | null => {
  const error = errorOf(raw);
  return error?.code === 'WRONG_PIN' ? String(error.message ?? 'PIN码错误') : null;
};

const UNLOCK = channelOf('signing', 'unlock');
/** Tries before the dialog gives up (the key store may lock itself after fewer). */
const MAX_TRIES = 5;

export function withPinRetry(invoke: Bridge['invoke']): Bridge['invoke'] {
  return async (channel, input) => {
    const first = await invoke(channel, input);
    const scope = scopeOf(first);
    if (!scope || !prompt || channel === UNLOCK) return first;
    let problem: string | null = null;
    for (let i = 0; i < MAX_TRIES; i += 1) {
      const pin = await prompt(scope, problem);
      if (pin === null) return first;
      if (scope === 'each') {
        const again = await invoke(channel, { ...(input as Record<string, unknown>), pin });
        problem = wrongPin(again);
        if (!problem) return again;
        continue;
      }
      problem = wrongPin(await invoke(UNLOCK, { pin }));
      if (!problem) return invoke(channel, input);
    }
    return first;
  };
}
