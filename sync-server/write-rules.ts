import type { User } from '../core/sync/accounts';
import type { ServerContext } from './context';
import { checkEventLog, inFlightUpdates } from './event-log';
import type { Room } from './rooms/room';
import type { CheckedUpdate } from './rooms/update-check';
import { checkSignedEvents } from './signed-events';

/** Why a write is refused by the event-log rules; each endpoint answers it in its own protocol. */
export type WriteRefusal = { kind: 'invalid' } | { kind: 'append_only'; reason: string } | { kind: 'bad_signature'; reason: string };

/**
 * The event-log rules every write passes, on the stock and the multiplexed endpoint alike: the log
 * is append-only (event-log.ts), then, with --trust-ca, added events must be signed by the user
 * (signed-events.ts). A refusal is counted and logged here; null means the write may go ahead.
 */
export function refuseWrite(ctx: ServerContext, room: Room, update: Uint8Array, checked: CheckedUpdate, user: User): WriteRefusal | null {
  const log = checkEventLog(room, update, checked);
  if (log?.kind === 'invalid') {
    ctx.metrics.reject('invalid-update');
    return { kind: 'invalid' };
  }
  if (log) {
    ctx.metrics.reject('append_only');
    ctx.log.warn({ doc: room.name, user: user.login, reason: log.reason }, 'refused: deletes from the event log');
    return { kind: 'append_only', reason: log.reason };
  }
  const refused = ctx.eventTrust ? checkSignedEvents(room.name, room.doc, update, user, ctx.eventTrust, inFlightUpdates(room)) : null;
  if (refused) {
    ctx.metrics.reject('bad_signature');
    ctx.log.warn({ doc: room.name, user: user.login, reason: refused }, 'refused: bad event signature');
    return { kind: 'bad_signature', reason: refused };
  }
  return null;
}
