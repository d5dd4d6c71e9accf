import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * How workflow events travel in protocol v2 (mux.ts, feed.ts). An event is sent as its JSON
 * text: the server parses and checks it (core/kernel/event.ts `RecordEvent`), gives it the
 * record's next sequence number and appends it; it is never part of a Yjs update.
 */

/** At most this many events in one `submit` frame: each may cost a certificate chain and SM2 verifications. */
export const MAX_SUBMIT_EVENTS = 100;

/** An appended event: the record's sequence number and the event's JSON. */
export interface WireEvent {
  seq: number;
  json: string;
}

/**
 * The answer for one submitted event:
 * - `ok`: appended (or appended before: a resubmission of the same id and content), with its seq;
 * - `refused`: not allowed (another person's name, a bad signature, not permitted, an id taken by
 *   other content, a record that does not exist) — keep it locally as rejected, with `reason`;
 * - `invalid`: not a well-formed event (JSON, schema, size, payload);
 * - `unavailable`: the server could not store it now; submit again later.
 */
export const SUBMIT_STATUSES = ['ok', 'refused', 'invalid', 'unavailable'] as const;
export type SubmitStatus = (typeof SUBMIT_STATUSES)[number];

export interface SubmitResult {
  eventId: string;
  status: SubmitStatus;
  /** The record's sequence number of the event when `ok`, else 0. */
  seq: number;
  reason: string;
}

export function writeStrings(e: encoding.Encoder, list: readonly string[]): void {
  encoding.writeVarUint(e, list.length);
  for (const s of list) encoding.writeVarString(e, s);
}

/** Reads a counted list; a count above `max` is malformed (before anything is allocated for it). */
export function readList<T>(d: decoding.Decoder, max: number, read: (d: decoding.Decoder) => T): T[] {
  const n = decoding.readVarUint(d);
  if (n > max) throw new RangeError(`list of ${n} entries (at most ${max})`);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read(d));
  return out;
}

export function writeWireEvents(e: encoding.Encoder, events: readonly WireEvent[]): void {
  encoding.writeVarUint(e, events.length);
  for (const ev of events) {
    encoding.writeVarUint(e, ev.seq);
    encoding.writeVarString(e, ev.json);
  }
}

export function readWireEvents(d: decoding.Decoder, max = Number.MAX_SAFE_INTEGER): WireEvent[] {
  return readList(d, max, (dd) => ({ seq: decoding.readVarUint(dd), json: decoding.readVarString(dd) }));
}

export function writeSubmitResults(e: encoding.Encoder, results: readonly SubmitResult[]): void {
  encoding.writeVarUint(e, results.length);
  for (const r of results) {
    encoding.writeVarString(e, r.eventId);
    encoding.writeVarUint(e, SUBMIT_STATUSES.indexOf(r.status));
    encoding.writeVarUint(e, r.seq);
    encoding.writeVarString(e, r.reason);
  }
}

export function readSubmitResults(d: decoding.Decoder): SubmitResult[] {
  return readList(d, MAX_SUBMIT_EVENTS, (dd) => {
    const eventId = decoding.readVarString(dd);
    const status = SUBMIT_STATUSES[decoding.readVarUint(dd)];
    if (!status) throw new RangeError('unknown submit status');
    return { eventId, status, seq: decoding.readVarUint(dd), reason: decoding.readVarString(dd) };
  });
}
