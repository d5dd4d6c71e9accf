import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isValidDocName } from './doc-name';
import { MAX_SUBMIT_EVENTS, readList, readSubmitResults, readWireEvents, writeStrings, writeSubmitResults, writeWireEvents, type SubmitResult, type WireEvent } from './event-wire';
import { decodeFeedPage, encodeFeedPage, type FeedPage } from './feed';

/**
 * The multiplexed protocol on `/_sync`: many documents and the changes feed over one socket.
 * `doc` frames carry an unchanged y-websocket message (sync step 1/2/update, awareness,
 * query-awareness) for one named document, so the per-document logic is shared with the stock
 * endpoint. What the stock protocol lacks is added as frames of their own: `push` (a write that
 * is acknowledged once it is on disk), `sv` (the server's state vector on request), `feed`
 * (what changed since a sequence number) and `head` (the newest sequence number, as a hint).
 * Version 2 adds workflow events, which travel outside the Y.Doc (event-wire.ts): `submit`
 * (events for one record, answered by `submitted` once appended or refused) and `events` (events
 * appended by others, relayed to the record's subscribers).
 */
export type ClientFrame =
  | { type: 'doc'; name: string; message: Uint8Array }
  | { type: 'unsub'; name: string }
  | { type: 'push'; id: number; name: string; update: Uint8Array }
  /** `full`: continue a full listing from the cursor `since` (see feed.ts). */
  | { type: 'feed'; id: number; since: number; limit: number; full: boolean }
  | { type: 'sv'; id: number; name: string }
  /** Events of one record (each its JSON), in the order they were made. */
  | { type: 'submit'; id: number; name: string; events: string[] };

export const AckStatus = { ok: 0, denied: 1, invalid: 2, unavailable: 3 } as const;
export type AckStatus = (typeof AckStatus)[keyof typeof AckStatus];

export type ServerFrame =
  | { type: 'doc'; name: string; message: Uint8Array }
  | { type: 'denied'; name: string; code: number; reason: string }
  | { type: 'ack'; id: number; status: AckStatus; seq: number; reason: string }
  | { type: 'feed'; id: number; page: FeedPage }
  | { type: 'sv'; id: number; status: AckStatus; sv: Uint8Array }
  | { type: 'head'; seq: number }
  /** One result per submitted event, in order. */
  | { type: 'submitted'; id: number; results: SubmitResult[] }
  /** Events appended to a record the connection is subscribed to. */
  | { type: 'events'; name: string; events: WireEvent[] };

const C = { doc: 0, unsub: 1, push: 2, feed: 3, sv: 4, submit: 5 } as const;
const S = { doc: 0, denied: 1, ack: 2, feed: 3, sv: 4, head: 5, submitted: 6, events: 7 } as const;

export class MalformedFrame extends Error {}

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, C[frame.type]);
    switch (frame.type) {
      case 'doc':
        encoding.writeVarString(e, frame.name);
        encoding.writeUint8Array(e, frame.message);
        break;
      case 'unsub':
        encoding.writeVarString(e, frame.name);
        break;
      case 'push':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarString(e, frame.name);
        encoding.writeVarUint8Array(e, frame.update);
        break;
      case 'feed':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarUint(e, frame.since);
        encoding.writeVarUint(e, frame.limit);
        encoding.writeVarUint(e, frame.full ? 1 : 0);
        break;
      case 'sv':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarString(e, frame.name);
        break;
      case 'submit':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarString(e, frame.name);
        writeStrings(e, frame.events);
        break;
    }
  });
}

/** Parses a client frame. Throws MalformedFrame for anything that is not exactly one valid frame. */
export function decodeClientFrame(data: Uint8Array): ClientFrame {
  return strict(data, (d) => {
    const type = decoding.readVarUint(d);
    switch (type) {
      case C.doc: {
        const name = readName(d);
        return { type: 'doc', name, message: decoding.readTailAsUint8Array(d) };
      }
      case C.unsub:
        return { type: 'unsub', name: readName(d) };
      case C.push:
        return { type: 'push', id: decoding.readVarUint(d), name: readName(d), update: decoding.readVarUint8Array(d) };
      case C.feed:
        return {
          type: 'feed',
          id: decoding.readVarUint(d),
          since: decoding.readVarUint(d),
          limit: decoding.readVarUint(d),
          full: decoding.readVarUint(d) === 1,
        };
      case C.sv:
        return { type: 'sv', id: decoding.readVarUint(d), name: readName(d) };
      case C.submit:
        return { type: 'submit', id: decoding.readVarUint(d), name: readName(d), events: readList(d, MAX_SUBMIT_EVENTS, decoding.readVarString) };
      default:
        throw new MalformedFrame(`unknown frame type ${type}`);
    }
  });
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  return encoding.encode((e) => {
    encoding.writeVarUint(e, S[frame.type]);
    switch (frame.type) {
      case 'doc':
        encoding.writeVarString(e, frame.name);
        encoding.writeUint8Array(e, frame.message);
        break;
      case 'denied':
        encoding.writeVarString(e, frame.name);
        encoding.writeVarUint(e, frame.code);
        encoding.writeVarString(e, frame.reason);
        break;
      case 'ack':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarUint(e, frame.status);
        encoding.writeVarUint(e, frame.seq);
        encoding.writeVarString(e, frame.reason);
        break;
      case 'feed':
        encoding.writeVarUint(e, frame.id);
        encodeFeedPage(e, frame.page);
        break;
      case 'sv':
        encoding.writeVarUint(e, frame.id);
        encoding.writeVarUint(e, frame.status);
        encoding.writeVarUint8Array(e, frame.sv);
        break;
      case 'head':
        encoding.writeVarUint(e, frame.seq);
        break;
      case 'submitted':
        encoding.writeVarUint(e, frame.id);
        writeSubmitResults(e, frame.results);
        break;
      case 'events':
        encoding.writeVarString(e, frame.name);
        writeWireEvents(e, frame.events);
        break;
    }
  });
}

/** Encodes a `doc` frame around an already-encoded y-websocket message without copying it twice. */
export function encodeDocFrame(name: string, message: Uint8Array): Uint8Array {
  return encodeServerFrame({ type: 'doc', name, message });
}

export function decodeServerFrame(data: Uint8Array): ServerFrame {
  return strict(data, (d) => {
    const type = decoding.readVarUint(d);
    switch (type) {
      case S.doc: {
        const name = readName(d);
        return { type: 'doc', name, message: decoding.readTailAsUint8Array(d) };
      }
      case S.denied:
        return { type: 'denied', name: readName(d), code: decoding.readVarUint(d), reason: decoding.readVarString(d) };
      case S.ack:
        return { type: 'ack', id: decoding.readVarUint(d), status: readStatus(d), seq: decoding.readVarUint(d), reason: decoding.readVarString(d) };
      case S.feed:
        return { type: 'feed', id: decoding.readVarUint(d), page: decodeFeedPage(d) };
      case S.sv:
        return { type: 'sv', id: decoding.readVarUint(d), status: readStatus(d), sv: decoding.readVarUint8Array(d) };
      case S.head:
        return { type: 'head', seq: decoding.readVarUint(d) };
      case S.submitted:
        return { type: 'submitted', id: decoding.readVarUint(d), results: readSubmitResults(d) };
      case S.events:
        return { type: 'events', name: readName(d), events: readWireEvents(d) };
      default:
        throw new MalformedFrame(`unknown frame type ${type}`);
    }
  });
}

function readName(d: decoding.Decoder): string {
  const name = decoding.readVarString(d);
  if (!isValidDocName(name)) throw new MalformedFrame('invalid document name');
  return name;
}

function readStatus(d: decoding.Decoder): AckStatus {
  const status = decoding.readVarUint(d);
  if (status > 3) throw new MalformedFrame(`unknown status ${status}`);
  return status as AckStatus;
}

/** Runs a decoder over the whole frame: any read error, or bytes left over, is a malformed frame. */
function strict<T>(data: Uint8Array, read: (d: decoding.Decoder) => T): T {
  const d = decoding.createDecoder(data);
  let value: T;
  try {
    value = read(d);
  } catch (err) {
    throw err instanceof MalformedFrame ? err : new MalformedFrame(err instanceof Error ? err.message : String(err));
  }
  if (decoding.hasContent(d)) throw new MalformedFrame('trailing bytes');
  return value;
}
