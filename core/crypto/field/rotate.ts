import { CryptoError } from '../errors';
import { createRecordKey, type FieldCryptoDeps, type KeyEnvelope, type Reader } from './envelopes';
import { decryptField, encryptField, type RecordKeys } from './field-value';
import type { RecordKey } from './record-key';

export interface RotateInput {
  recordId: string;
  /** The current key, or every generation still referenced by the fields. */
  old: RecordKeys;
  /** The record's protected fields as stored: field name → encrypted value. */
  fields: Readonly<Record<string, string>>;
  /** Everyone who may still read, with their public keys (envelopes hold only fingerprints). */
  readers: readonly Reader[];
}

export interface Rotated {
  key: RecordKey;
  /** Replace the record's envelopes with these. */
  envelopes: KeyEnvelope[];
  /** Replace every protected field with these values. */
  fields: Record<string, string>;
}

/**
 * Takes read access away: a new DEK, every field re-encrypted under it, wrapped only for the
 * remaining readers. Nothing is written if any field fails to decrypt (DECRYPT_FAILED with
 * details.field). Old Yjs history still holds the old ciphertexts and envelopes, so a removed
 * reader keeps whatever they had synced before; only later values are out of their reach.
 */
export async function rotate(input: RotateInput, deps: FieldCryptoDeps = {}): Promise<Rotated> {
  const plain = new Map<string, string>();
  for (const [field, value] of Object.entries(input.fields)) {
    try {
      plain.set(field, decryptField(input.old, input.recordId, field, value));
    } catch (err) {
      if (err instanceof CryptoError && err.code === 'DECRYPT_FAILED') {
        throw new CryptoError('DECRYPT_FAILED', `更换记录密钥失败:字段 ${field} 无法解密`, { field, cause: err.toShape() });
      }
      throw err;
    }
  }
  const { key, envelopes } = await createRecordKey(input.readers, deps);
  // fromEntries defines own properties: a field named __proto__ stays a field.
  const fields = Object.fromEntries([...plain].map(([field, value]) => [field, encryptField(key, input.recordId, field, value)]));
  return { key, envelopes, fields };
}
