import type { Actor } from '../../core/kernel/actor';
import type { RecordEvent } from '../../core/kernel/event';
import { parseEventJson } from '../../core/sync/event-json';
import { recordEvent } from '../../core/sync/testing/record-events';
import { createRecord, MuxClient } from '../../main/sync/testing/mux-client';

/**
 * What the security tests (tests/security) need from the protocol, in one place: creating a
 * record, appending its events the honest way, and reading its event log as every replica gets
 * it. The attacks themselves are raw frames and do not go through here, so the same test files
 * run against the server before protocol v2 with this file swapped for one speaking v1 (how each
 * attack was shown to succeed there; see the branch report).
 */
export interface Server {
  wsUrl: string;
}

export type Token = (login: string) => string;

/** Creates `name` as `by` (its `create` event), then appends `events` (each signed by `sign` if given). */
export async function createRecordAs(server: Server, token: Token, by: Actor, name: string, kind: string, events: RecordEvent[] = [], sign: (e: RecordEvent) => RecordEvent = (e) => e): Promise<void> {
  await createRecord(server.wsUrl, token(by.login), name, kind, by, sign);
  if (events.length > 0) await appendAs(server, token, by, name, events.map(sign));
}

/** Appends events as `by`; throws unless every one is appended. */
export async function appendAs(server: Server, token: Token, by: Actor, name: string, events: RecordEvent[]): Promise<void> {
  const client = new MuxClient(server.wsUrl, token(by.login));
  try {
    const results = await client.submit(name, events);
    const bad = results.find((r) => r.status !== 'ok');
    if (bad) throw new Error(`event refused: ${bad.status} ${bad.reason}`);
  } finally {
    client.close();
  }
}

/** The 交办 of a 督办 item by the 督查室: `lead` and `responsible` units (who may see it, from events). */
export const assignment = (by: Actor, lead: string[], responsible: string[] = []): RecordEvent =>
  recordEvent(by, 'assign', { assignments: [...lead.map((unit) => ({ unit, role: 'lead' })), ...responsible.map((unit) => ({ unit, role: 'responsible' }))] });

/** The record's workflow events as a replica receives them from the server (the changes feed). */
export async function eventLog(server: Server, token: Token, login: string, name: string): Promise<RecordEvent[]> {
  const client = new MuxClient(server.wsUrl, token(login));
  try {
    const entry = (await client.feed(0)).page.entries.find((e) => e.name === name);
    return (entry?.events ?? []).flatMap((e) => {
      const parsed = parseEventJson(e.json);
      return parsed.ok ? [parsed.event] : [];
    });
  } finally {
    client.close();
  }
}

/** Submitting events is protocol v2's; the v1 harness has none (those checks are v2-only). */
export async function submitAs(server: Server, token: Token, login: string, name: string, events: ReadonlyArray<RecordEvent | string>) {
  const client = new MuxClient(server.wsUrl, token(login));
  try {
    return await client.submit(name, events);
  } finally {
    client.close();
  }
}
export const speaksEvents = true;
