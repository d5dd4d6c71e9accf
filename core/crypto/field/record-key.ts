import { toHex, utf8Encode, wipe } from '../bytes';
import { CryptoError, badInput } from '../errors';
import { hmacSm3 } from '../hmac';

/**
 * A per-record data key (DEK): 16 random bytes, held in memory only. Callers see an opaque
 * object with the key's public id; the bytes and the keys derived from them live in a
 * module-private WeakMap, so a RecordKey can be logged, JSON-serialised or put in React state
 * without leaking anything.
 *
 * From the DEK, HMAC-SM3 with fixed labels derives three independent values: the SM4 key, the
 * HMAC-SM3 key of the field MAC, and the 8-byte data key id that field values and envelopes
 * carry (so a value written under another generation of the record's key is recognised).
 */
export interface RecordKey {
  /** 16 lowercase hex digits; names this DEK in field values and envelopes. Not secret. */
  readonly dataKeyId: string;
}

export const DEK_LENGTH = 16;
export const DATA_KEY_ID_LENGTH = 8;

interface Secrets {
  dek: Uint8Array;
  enc: Uint8Array;
  mac: Uint8Array;
  id: Uint8Array;
}

const secrets = new WeakMap<RecordKey, Secrets>();

const label = (name: string): Uint8Array => utf8Encode(`xietong/field/v1/${name}`);
const ENC_LABEL = label('enc');
const MAC_LABEL = label('mac');
const ID_LABEL = label('id');

/** The id a DEK is known by (first 8 bytes of HMAC-SM3(DEK, label)). */
export function dataKeyIdOf(dek: Uint8Array): Uint8Array {
  return derive(dek, ID_LABEL, DATA_KEY_ID_LENGTH);
}

function derive(dek: Uint8Array, name: Uint8Array, length: number): Uint8Array {
  const full = hmacSm3(dek, name);
  const out = full.slice(0, length);
  wipe(full);
  return out;
}

/**
 * Internal: wraps DEK bytes in a RecordKey (the bytes are copied). Not re-exported from the
 * crypto index: DEKs come from createRecordKey or from unwrapping an envelope.
 */
export function recordKeyFromDek(dek: Uint8Array): RecordKey {
  if (dek.length !== DEK_LENGTH) throw badInput(`记录密钥必须为 ${DEK_LENGTH} 字节`);
  const copy = new Uint8Array(dek);
  const id = dataKeyIdOf(copy);
  const key: RecordKey = Object.freeze({ dataKeyId: toHex(id) });
  secrets.set(key, {
    dek: copy,
    enc: derive(copy, ENC_LABEL, 16),
    mac: hmacSm3(copy, MAC_LABEL),
    id,
  });
  return key;
}

/** Internal: the secrets behind a RecordKey; BAD_INPUT for a foreign or discarded object. */
export function secretsOf(key: RecordKey): Readonly<Secrets> {
  const s = secrets.get(key);
  if (!s) throw new CryptoError('BAD_INPUT', '记录密钥无效或已销毁');
  return s;
}

/** Overwrites the key's bytes and forgets it; later use gives BAD_INPUT. */
export function discardRecordKey(key: RecordKey): void {
  const s = secrets.get(key);
  if (!s) return;
  wipe(s.dek, s.enc, s.mac);
  secrets.delete(key);
}
