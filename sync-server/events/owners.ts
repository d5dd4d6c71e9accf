import type { Logger } from 'pino';
import type { AccountRepository } from '../../core/sync/accounts';
import { encodeServerFrame } from '../../core/sync/mux';
import type { EventWrite } from '../write-pipeline';
import type { RecordLog } from './record-log';
import type { RecordLogs } from './record-logs';
import type { Rooms } from '../rooms/rooms';
import type { DocStore } from '../persistence/types';

/**
 * Writes the record's event-derived owners (its area's `access(state)`) when they differ from
 * what the accounts hold; true when they changed. Owners never come from fields.
 */
export function syncEventOwners(accounts: AccountRepository, log: RecordLog): boolean {
  if (log.docId === null || !log.area) return false;
  const units = log.accessUnits();
  if (units.join('\n') === log.eventOwners.join('\n')) return false;
  accounts.setEventOwners(log.docId, units);
  log.eventOwners = units;
  return true;
}

/**
 * After an event is on disk: owners first — a `create` makes the creator's unit an owner, and an
 * event may change who the area gives access — and every open subscription of the record is
 * decided again at once (a name opened before the record existed gets nothing of it), then the
 * event is relayed to the subscribers that remain.
 */
export function afterEventAppended(deps: { accounts: AccountRepository; rooms: Rooms; log: Logger }, w: EventWrite): void {
  let changed = w.entry.create !== null;
  try {
    changed = syncEventOwners(deps.accounts, w.log) || changed;
  } catch (err) {
    // The event is stored; the owners are derived again when the record is next loaded.
    deps.log.error({ doc: w.log.name, err: String(err) }, 'owners could not be written');
  }
  const room = deps.rooms.get(w.log.name);
  if (!room) return;
  if (changed) for (const member of [...room.members]) member.recheck();
  room.broadcastEvents(encodeServerFrame({ type: 'events', name: w.log.name, events: [{ seq: w.entry.seq, json: w.entry.data }] }));
}

/**
 * Once after the schema 2 migration: records from before it keep the owners their fields named
 * until their events are reduced by the areas' rules, which the migration (shared with `oa`)
 * cannot do. Runs at server start, one record at a time: loading a record log derives its owners
 * (RecordLogs' onLoaded), and logs are let go every thousand records so memory stays flat.
 */
export async function deriveOwnersOnce(deps: { store: DocStore; records: RecordLogs; log: Logger; pending: () => boolean; done: () => void }): Promise<void> {
  if (!deps.pending()) return;
  const names = await deps.store.recordNames();
  for (let i = 0; i < names.length; i++) {
    await deps.records.open(names[i]!);
    if (i % 1000 === 999) deps.records.sweep(0, () => false);
  }
  deps.records.sweep(0, () => false);
  deps.done();
  deps.log.info({ records: names.length }, 'owners derived from events (schema 2)');
}
