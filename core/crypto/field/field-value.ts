import { concatBytes, equalBytes, fromBase64, toBase64, toHex, utf8Decode, utf8Encode } from '../bytes';
import { CryptoError, badInput } from '../errors';
import { hmacSm3 } from '../hmac';
import { randomBytes } from '../random';
import { sm4Decrypt, sm4Encrypt } from '../sm4-modes';
import { DATA_KEY_ID_LENGTH, secretsOf, type RecordKey } from './record-key';

/**
 * One protected field value, encrypted under a record key:
 *
 *   "sm4f1:" + base64( 0x01 ‖ dataKeyId (8) ‖ IV (16) ‖ SM4-CBC-PKCS#7(UTF-8 value) (16·k) ‖ tag (32) )
 *   tag = HMAC-SM3(macKey, 0x01 ‖ dataKeyId ‖ len ‖ recordId ‖ len ‖ field ‖ IV ‖ ciphertext)
 *
 * (len = 4-byte big-endian UTF-8 length.) Encrypt-then-MAC with keys derived from the DEK; the
 * tag binds the value to its record and field, so a ciphertext copied to another field or
 * record fails. The tag is checked before anything is decrypted, and every failure — wrong
 * key, tampering, truncation, a value from elsewhere — is DECRYPT_FAILED: decryption never
 * returns garbage and never throws anything else for a bad value.
 *
 * CBC with padding rather than CTR so the stored length reveals the value's length only to
 * 16 bytes (a two- or three-character name look alike). A plain string, so it can sit in a
 * Y.Map field.
 */
export const FIELD_PREFIX = 'sm4f1:';
const VERSION = 0x01;
const HEADER = 1 + DATA_KEY_ID_LENGTH + 16;
const TAG = 32;
const MIN_LENGTH = HEADER + 16 + TAG;

/** A record key, or several (generations left side by side by concurrent rotations). */
export type RecordKeys = RecordKey | readonly RecordKey[];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function text(name: string, value: unknown, allowEmpty: boolean): Uint8Array {
  if (typeof value !== 'string') throw badInput(`${name}必须是字符串`);
  if (!allowEmpty && value.length === 0) throw badInput(`${name}不能为空`);
  // Lone surrogates would be encoded as U+FFFD: the value would not come back as written.
  if (LONE_SURROGATE.test(value)) throw badInput(`${name}含有不成对的代理字符`);
  return utf8Encode(value);
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  return concatBytes(new Uint8Array([n >>> 24, n >>> 16, n >>> 8, n]), bytes);
}

function tag(mac: Uint8Array, header: Uint8Array, recordId: Uint8Array, field: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  // header = version ‖ dataKeyId ‖ IV
  return hmacSm3(mac, header.subarray(0, 1 + DATA_KEY_ID_LENGTH), lengthPrefixed(recordId), lengthPrefixed(field), header.subarray(1 + DATA_KEY_ID_LENGTH), ciphertext);
}

/** Encrypts a field value (the empty string included) with a fresh random IV. */
export function encryptField(key: RecordKey, recordId: string, field: string, plaintext: string): string {
  const data = text('字段值', plaintext, true);
  try {
    return FIELD_PREFIX + toBase64(encryptBytes(key, recordId, field, data));
  } finally {
    data.fill(0);
  }
}

/**
 * The same sealing for bytes (a petitioner's attachment): version ‖ dataKeyId ‖ IV ‖ ciphertext ‖
 * tag, bound to its record and place like a field value. The caller keeps its plaintext buffer.
 */
export function encryptBytes(key: RecordKey, recordId: string, field: string, data: Uint8Array): Uint8Array {
  const s = secretsOf(key);
  const rid = text('记录编号', recordId, false);
  const name = text('字段名', field, false);
  const header = concatBytes(new Uint8Array([VERSION]), s.id, randomBytes(16));
  const ciphertext = sm4Encrypt({ mode: 'CBC', key: s.enc, iv: header.subarray(1 + DATA_KEY_ID_LENGTH), padding: 'PKCS7' }, data);
  return concatBytes(header, ciphertext, tag(s.mac, header, rid, name, ciphertext));
}

const failed = (message: string, details?: unknown): CryptoError => new CryptoError('DECRYPT_FAILED', `受保护字段无法解密:${message}`, details);

function parse(value: unknown): Uint8Array {
  if (typeof value !== 'string' || !value.startsWith(FIELD_PREFIX)) throw failed('不是加密字段');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(value.slice(FIELD_PREFIX.length));
  } catch {
    throw failed('编码已损坏');
  }
  return checkShape(bytes);
}

function checkShape(bytes: Uint8Array): Uint8Array {
  if (bytes.length < MIN_LENGTH || (bytes.length - HEADER - TAG) % 16 !== 0 || bytes[0] !== VERSION) throw failed('格式不正确');
  return bytes;
}

/** The data key id a field value names, or null if it is not a well-formed field value. */
export function fieldDataKeyId(value: unknown): string | null {
  try {
    return toHex(parse(value).subarray(1, 1 + DATA_KEY_ID_LENGTH));
  } catch {
    return null;
  }
}

/** Whether a value has the shape of an encrypted field (says nothing about who can open it). */
export const isEncryptedField = (value: unknown): value is string => fieldDataKeyId(value) !== null;

/**
 * Decrypts a field value for its record and field. `keys` may hold several generations of the
 * record's key: the one the value names is used. DECRYPT_FAILED on any failure (details.reason
 * is 'OTHER_DATA_KEY' when no given key is the one the value was written with).
 */
export function decryptField(keys: RecordKeys, recordId: string, field: string, ciphertext: string): string {
  const plain = decryptBytes(keys, recordId, field, parse(ciphertext));
  try {
    return utf8Decode(plain);
  } catch {
    // Only reachable if the writer held the key and wrote a malformed value.
    throw failed('内容格式不正确');
  } finally {
    plain.fill(0);
  }
}

/** Opens what `encryptBytes` sealed for this record and place; DECRYPT_FAILED on any failure. */
export function decryptBytes(keys: RecordKeys, recordId: string, field: string, sealed: Uint8Array): Uint8Array {
  const rid = text('记录编号', recordId, false);
  const name = text('字段名', field, false);
  const bytes = checkShape(sealed);
  const id = bytes.subarray(1, 1 + DATA_KEY_ID_LENGTH);
  const key = (Array.isArray(keys) ? (keys as readonly RecordKey[]) : [keys as RecordKey]).find((k) => equalBytes(secretsOf(k).id, id));
  if (!key) throw failed('该字段使用的记录密钥不在已打开的密钥中', { reason: 'OTHER_DATA_KEY', dataKeyId: toHex(id) });
  const s = secretsOf(key);
  const header = bytes.subarray(0, HEADER);
  const body = bytes.subarray(HEADER, bytes.length - TAG);
  if (!equalBytes(tag(s.mac, header, rid, name, body), bytes.subarray(bytes.length - TAG))) throw failed('校验失败(数据被篡改,或属于其他记录或字段)');
  try {
    return sm4Decrypt({ mode: 'CBC', key: s.enc, iv: header.subarray(1 + DATA_KEY_ID_LENGTH), padding: 'PKCS7' }, body);
  } catch {
    throw failed('内容格式不正确');
  }
}
