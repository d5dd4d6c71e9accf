import type { RecordEvent } from '../core/kernel/event';
import { createEvent, recordEvent } from '../core/sync/testing/record-events';
import { MuxClient } from '../main/sync/testing/mux-client';
import { BENCH_ACTOR, type OursServer } from './sync-servers';

/** A 督办 item as the app makes one: its signed 立项 (`create`) and 交办 to the 督查室 itself. */
export function itemEvents(server: OursServer, name: string): RecordEvent[] {
  const create = server.sign(name, createEvent(BENCH_ACTOR, 'supervision'));
  const assign = server.sign(name, recordEvent(BENCH_ACTOR, 'assign', { assignments: [{ unit: BENCH_ACTOR.unit, role: 'lead' }] }));
  return [create, assign];
}

/**
 * Creates real signed records on our server before a scenario writes to them: each record's
 * events are judged in full (certificate chain, SM2, attestation, the 督办 rules), as in use.
 * Throws unless every event is appended.
 */
export async function createSignedRecords(server: OursServer, names: readonly string[]): Promise<void> {
  const client = new MuxClient(server.wsUrl, server.params.token!);
  try {
    for (let i = 0; i < names.length; i += 50) {
      const chunk = names.slice(i, i + 50);
      const results = await Promise.all(chunk.map((name) => client.submit(name, itemEvents(server, name))));
      const bad = results.flat().find((r) => r.status !== 'ok');
      if (bad) throw new Error(`bench record refused: ${bad.status} ${bad.reason}`);
    }
  } finally {
    client.close();
  }
}
