import { seededRandom } from '../../core/testing/seeded-random';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeClientFrame } from '../../core/sync/mux';

/** The same seed replays the same frames. */
export const prng = seededRandom;

const bytes = (rand: () => number, n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
const enc = (f: (e: encoding.Encoder) => void) => encoding.encode(f);

function validUpdate(rand: () => number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, String(rand()));
  return Y.encodeStateAsUpdate(doc);
}

function mutate(rand: () => number, data: Uint8Array): Uint8Array {
  const out = Uint8Array.from(data);
  const flips = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const at = Math.floor(rand() * out.length);
    out[at] = out[at]! ^ (1 << Math.floor(rand() * 8));
  }
  return rand() < 0.3 ? out.slice(0, Math.floor(rand() * out.length)) : out;
}

/** One hostile (or merely odd) frame for the stock endpoint. */
export function stockFrame(rand: () => number): Uint8Array {
  switch (Math.floor(rand() * 12)) {
    case 0:
      return bytes(rand, Math.floor(rand() * 64));
    case 1: // truncated varints
      return Uint8Array.from([0xff, 0xff, 0xff].slice(0, 1 + Math.floor(rand() * 3)));
    case 2: // truncated inside a sync message
      return Uint8Array.from([0, rand() < 0.5 ? 1 : 2, 0x80]);
    case 3: // unknown message types
      return enc((e) => {
        encoding.writeVarUint(e, 4 + Math.floor(rand() * 1000));
        encoding.writeUint8Array(e, bytes(rand, 8));
      });
    case 4: // huge declared length
      return enc((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, 2 ** 40 + Math.floor(rand() * 1000));
        encoding.writeUint8Array(e, bytes(rand, 4));
      });
    case 5: // garbage update
      return enc((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, bytes(rand, 1 + Math.floor(rand() * 40)));
      });
    case 6: // a mutated real update
      return enc((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, rand() < 0.5 ? 1 : 2);
        encoding.writeVarUint8Array(e, mutate(rand, validUpdate(rand)));
      });
    case 7: // awareness with bad JSON, or a huge count
      return enc((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          enc((inner) => {
            encoding.writeVarUint(inner, rand() < 0.5 ? 1 : 2 ** 31);
            encoding.writeVarUint(inner, Math.floor(rand() * 1e6));
            encoding.writeVarUint(inner, 1);
            encoding.writeVarString(inner, rand() < 0.5 ? '{"user":' : '{"user":{"name":"模糊"}}');
          }),
        );
      });
    case 8: // sync step 1 with a random state vector
      return enc((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, bytes(rand, Math.floor(rand() * 12)));
      });
    case 9: // query awareness, with or without trailing bytes
      return rand() < 0.5 ? Uint8Array.from([3]) : Uint8Array.from([3, 1, 2]);
    case 10: // an unknown sync sub-type
      return Uint8Array.from([0, 9, 0]);
    default: // empty frame
      return new Uint8Array(0);
  }
}

/** One hostile frame for the multiplexed endpoint, including invalid UTF-8 in document names. */
export function muxFrame(rand: () => number, doc: string): Uint8Array {
  switch (Math.floor(rand() * 9)) {
    case 0:
      return bytes(rand, Math.floor(rand() * 64));
    case 7: // submit of hostile events: not JSON, wrong shapes, forged names, huge or escaped keys
      return encodeClientFrame({ type: 'submit', id: Math.floor(rand() * 1e9), name: doc, events: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => hostileEvent(rand)) });
    case 1: // invalid UTF-8 name
      return enc((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, Uint8Array.from([0x66, 0xff, 0xfe, 0xc0]));
        encoding.writeUint8Array(e, Uint8Array.from([0, 0, 0]));
      });
    case 2: // reserved or oversized names
      return encodeClientFrame({ type: 'unsub', name: 'ok' }).length > 0 && rand() < 0.5
        ? enc((e) => {
            encoding.writeVarUint(e, 1);
            encoding.writeVarString(e, rand() < 0.5 ? '_sync' : 'x'.repeat(500));
          })
        : enc((e) => {
            encoding.writeVarUint(e, 2);
            encoding.writeVarUint(e, 1);
            encoding.writeVarString(e, '../etc/passwd');
            encoding.writeVarUint8Array(e, new Uint8Array(0));
          });
    case 3: // a doc frame wrapping a hostile stock frame
      return encodeClientFrame({ type: 'doc', name: doc, message: stockFrame(rand) });
    case 4: // push of garbage
      return encodeClientFrame({ type: 'push', id: Math.floor(rand() * 1e9), name: doc, update: mutate(rand, validUpdate(rand)) });
    case 5: // feed with odd numbers
      return encodeClientFrame({ type: 'feed', id: 1, since: Math.floor(rand() * 2 ** 52), limit: Math.floor(rand() * 1e9), full: rand() < 0.5 });
    case 6: // unknown frame type, huge declared length
      return enc((e) => {
        encoding.writeVarUint(e, rand() < 0.5 ? 77 : 2);
        encoding.writeVarUint(e, 2 ** 45);
      });
    default:
      return Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
  }
}

function hostileEvent(rand: () => number): string {
  const by = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };
  const base = { id: `f${Math.floor(rand() * 1e6)}`, type: rand() < 0.5 ? 'create' : 'close', actor: 'dcs.lin', by, at: new Date(0).toISOString(), basis: null, payload: { kind: 'note' } };
  switch (Math.floor(rand() * 6)) {
    case 0:
      return String.fromCharCode(...bytes(rand, Math.floor(rand() * 40)));
    case 1:
      return JSON.stringify(base).replace('"actor"', '"\\u0061ctor"');
    case 2:
      return JSON.stringify({ ...base, payload: 'x'.repeat(Math.floor(rand() * 300_000)) });
    case 3:
      return JSON.stringify({ ...base, by: null, payload: [1, 2, 3] });
    case 4:
      return JSON.stringify({ ...base, actor: 'system:import' });
    default:
      return `{"id":"${'\\'.repeat(Math.floor(rand() * 10))}`;
  }
}
