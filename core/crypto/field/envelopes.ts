import { z } from 'zod';
import { fromBase64, toBase64, toHex, wipe } from '../bytes';
import { CryptoError, badInput } from '../errors';
import type { CryptoProvider, KeyHandle } from '../provider';
import { randomBytes } from '../random';
import { sm3 } from '../sm3';
import { softSm2 } from '../software';
import { decodeSpki } from '../sm2/pkcs';
import { DEK_LENGTH, recordKeyFromDek, secretsOf, type RecordKey } from './record-key';

/**
 * A record key wrapped for one reader: the 16-byte DEK, SM2-encrypted (GM/T 0009 ASN.1
 * C1C3C2, what `openssl pkeyutl -encrypt` produces) to the reader's public key. Plain JSON, so
 * it can be stored in a Y.Map. Envelopes are matched to a key handle by `fingerprint`, never by
 * the recipient label.
 */
export const KeyEnvelope = z.object({
  v: z.literal(1),
  /** Who this is for, for people and access lists: 'role:petition_officer', 'user:zhangsan'. */
  recipient: z.string().min(1),
  /** Lowercase hex SM3 of the reader's SubjectPublicKeyInfo DER. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** The RecordKey.dataKeyId of the wrapped key. */
  dataKeyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Base64 of the GM/T 0009 ciphertext. */
  wrapped: z.string().min(1),
});
export type KeyEnvelope = z.infer<typeof KeyEnvelope>;

export interface Reader {
  recipient: string;
  /** The reader's SM2 public key, SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
}

export interface FieldCryptoDeps {
  /** SM2 encryption to readers' public keys and randomness for new keys; software by default. */
  provider?: Pick<CryptoProvider, 'encrypt' | 'random'>;
}

const SOFTWARE: Pick<CryptoProvider, 'encrypt' | 'random'> = {
  encrypt: async (key, plaintext) => softSm2.encrypt(key, plaintext),
  random: randomBytes,
};

/** The fingerprint envelopes are matched by: lowercase hex SM3(SPKI DER). */
export const spkiFingerprint = (spki: Uint8Array): string => toHex(sm3(spki));

function checkReaders(readers: readonly Reader[]): void {
  const seen = new Set<string>();
  for (const r of readers) {
    if (typeof r.recipient !== 'string' || r.recipient.length === 0) throw badInput('读者名称不能为空');
    if (seen.has(r.recipient)) throw badInput(`读者重复:${r.recipient}`);
    seen.add(r.recipient);
    try {
      decodeSpki(r.spki);
    } catch {
      throw badInput(`读者 ${r.recipient} 的公钥不是有效的 SM2 公钥`);
    }
  }
}

async function wrapFor(key: RecordKey, reader: Reader, provider: Pick<CryptoProvider, 'encrypt'>): Promise<KeyEnvelope> {
  const wrapped = await provider.encrypt({ algorithm: 'SM2', spki: reader.spki }, secretsOf(key).dek);
  return { v: 1, recipient: reader.recipient, fingerprint: spkiFingerprint(reader.spki), dataKeyId: key.dataKeyId, wrapped: toBase64(wrapped) };
}

/** Wraps a key for each reader (at least one: a key nobody can open loses the data). */
export async function wrapForReaders(key: RecordKey, readers: readonly Reader[], deps: FieldCryptoDeps = {}): Promise<KeyEnvelope[]> {
  if (readers.length === 0) throw badInput('至少需要一位读者');
  checkReaders(readers);
  const provider = deps.provider ?? SOFTWARE;
  return Promise.all(readers.map((r) => wrapFor(key, r, provider)));
}

/** A new random record key, wrapped for every reader. The key itself stays in memory only. */
export async function createRecordKey(readers: readonly Reader[], deps: FieldCryptoDeps = {}): Promise<{ key: RecordKey; envelopes: KeyEnvelope[] }> {
  if (readers.length === 0) throw badInput('至少需要一位读者');
  checkReaders(readers);
  const dek = (deps.provider ?? SOFTWARE).random(DEK_LENGTH);
  if (dek.length !== DEK_LENGTH) throw new CryptoError('DEVICE_ERROR', '随机数长度不正确');
  const key = recordKeyFromDek(dek);
  wipe(dek);
  return { key, envelopes: await wrapForReaders(key, readers, deps) };
}

/** Unwraps one envelope through the provider; the private key never leaves it. */
async function unwrap(envelope: KeyEnvelope, provider: CryptoProvider, handle: KeyHandle): Promise<RecordKey> {
  let ciphertext: Uint8Array;
  try {
    ciphertext = fromBase64(envelope.wrapped);
  } catch {
    throw new CryptoError('DECRYPT_FAILED', '记录密钥信封已损坏');
  }
  // NOT_LOGGED_IN, KEY_NOT_FOUND (another provider's handle), DEVICE_ERROR … pass through.
  const dek = await provider.decrypt(handle, ciphertext);
  try {
    const key = dek.length === DEK_LENGTH ? recordKeyFromDek(dek) : null;
    if (!key || key.dataKeyId !== envelope.dataKeyId) throw new CryptoError('DECRYPT_FAILED', '记录密钥信封的内容与其标识不符');
    return key;
  } finally {
    wipe(dek);
  }
}

function candidates(envelopes: readonly unknown[], handle: KeyHandle): KeyEnvelope[] {
  if (!Array.isArray(envelopes)) throw badInput('记录密钥信封必须是数组');
  const fp = spkiFingerprint(handle.publicKey.spki);
  return envelopes.flatMap((e) => {
    const parsed = KeyEnvelope.safeParse(e);
    return parsed.success && parsed.data.fingerprint === fp ? [parsed.data] : [];
  });
}

async function openFirst(list: readonly KeyEnvelope[], provider: CryptoProvider, handle: KeyHandle): Promise<RecordKey> {
  let last: unknown;
  for (const e of list) {
    try {
      return await unwrap(e, provider, handle);
    } catch (err) {
      if (!(err instanceof CryptoError) || err.code !== 'DECRYPT_FAILED') throw err;
      last = err;
    }
  }
  throw last instanceof CryptoError ? last : new CryptoError('DECRYPT_FAILED', '无法打开记录密钥');
}

/**
 * Opens the record key with a reader's key handle. KEY_NOT_FOUND when no envelope is for this
 * key; DECRYPT_FAILED when the envelope does not unwrap. If the envelopes hold several
 * generations for this reader, pass the one wanted (fieldDataKeyId of a value) or use
 * openRecordKeys.
 */
export async function openRecordKey(envelopes: readonly unknown[], provider: CryptoProvider, handle: KeyHandle, opts: { dataKeyId?: string } = {}): Promise<RecordKey> {
  const mine = candidates(envelopes, handle).filter((e) => opts.dataKeyId === undefined || e.dataKeyId === opts.dataKeyId);
  if (mine.length === 0) throw new CryptoError('KEY_NOT_FOUND', '此密钥无权读取该记录的受保护字段');
  const ids = new Set(mine.map((e) => e.dataKeyId));
  if (ids.size > 1) throw badInput('该记录有多代记录密钥,请指定 dataKeyId 或使用 openRecordKeys');
  return openFirst(mine, provider, handle);
}

/** Every generation of the record key this reader can open (for decryptField's key list). */
export async function openRecordKeys(envelopes: readonly unknown[], provider: CryptoProvider, handle: KeyHandle): Promise<RecordKey[]> {
  const mine = candidates(envelopes, handle);
  if (mine.length === 0) throw new CryptoError('KEY_NOT_FOUND', '此密钥无权读取该记录的受保护字段');
  const byId = new Map<string, KeyEnvelope[]>();
  for (const e of mine) byId.set(e.dataKeyId, [...(byId.get(e.dataKeyId) ?? []), e]);
  const keys: RecordKey[] = [];
  let failure: unknown;
  for (const list of byId.values()) {
    try {
      keys.push(await openFirst(list, provider, handle));
    } catch (err) {
      if (!(err instanceof CryptoError) || err.code !== 'DECRYPT_FAILED') throw err;
      failure = err;
    }
  }
  if (keys.length === 0) throw failure;
  return keys;
}

/**
 * Grants a reader access to an opened record key: returns the envelopes with one for the new
 * reader (replacing that recipient's envelope for this key, e.g. after a key re-issue).
 * Envelopes of other generations are kept as they are. Granting is not revoking: to take
 * access away, rotate.
 */
export async function addReader(key: RecordKey, envelopes: readonly KeyEnvelope[], reader: Reader, deps: FieldCryptoDeps = {}): Promise<KeyEnvelope[]> {
  checkReaders([reader]);
  const envelope = await wrapFor(key, reader, deps.provider ?? SOFTWARE);
  return [...envelopes.filter((e) => !(e.dataKeyId === key.dataKeyId && e.recipient === reader.recipient)), envelope];
}
