import type { RecordEvent } from '../../core/kernel/event';
import type { WireEvent } from '../../core/sync/event-wire';
import { parseEventJson } from '../../core/sync/event-json';
import type { SyncStorage } from './types';

/**
 * Applies events the server appended (relayed to a subscriber, or in a feed entry) to the local
 * store: each is checked as a RecordEvent first (data from the network is unknown until then);
 * one that does not parse is skipped and reported, the others are applied in the record's order.
 * Returns how many were applied.
 */
export function applyServerEvents(storage: SyncStorage, id: string, wire: readonly WireEvent[], onError: (message: string) => void): number {
  if (wire.length === 0) return 0;
  const events: Array<{ seq: number; event: RecordEvent }> = [];
  for (const { seq, json } of [...wire].sort((a, b) => a.seq - b.seq)) {
    const parsed = parseEventJson(json);
    if (parsed.ok) events.push({ seq, event: parsed.event });
    else onError(`“${id}”的一条办理记录(序号 ${seq})无法解析,已跳过:${parsed.reason}`);
  }
  storage.applyRemoteEvents(id, events);
  return events.length;
}
