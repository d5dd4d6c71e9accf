import type { Handlers } from '../../core/ipc/dispatch';
import type { PinStatus } from '../../core/ipc/signatures';
import type { Actor } from '../../core/kernel/actor';
import type { EventSigning } from './signing';

/** `signing.status` / `signing.unlock` for the current identity (main/kernel/pin-gate.ts). */
export function pinHandlers(ctx: { actor: () => Actor; signing?: EventSigning }): Handlers['signing'] {
  const status = (): PinStatus => {
    const gate = ctx.signing?.pin;
    return { mode: gate?.mode ?? 'auto', unlocked: gate ? gate.unlocked(ctx.actor().login) : true };
  };
  return {
    status: () => status(),
    unlock: ({ pin }) => {
      ctx.signing?.pin?.unlock(ctx.actor().login, pin);
      return status();
    },
  };
}
