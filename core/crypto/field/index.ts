/** SM4 field encryption with per-record data keys wrapped (SM2) for each reader. See ../README.md. */
export { discardRecordKey, type RecordKey } from './record-key';
export { decryptBytes, decryptField, encryptBytes, encryptField, fieldDataKeyId, isEncryptedField, FIELD_PREFIX, type RecordKeys } from './field-value';
export {
  addReader,
  createRecordKey,
  KeyEnvelope,
  openRecordKey,
  openRecordKeys,
  spkiFingerprint,
  wrapForReaders,
  type FieldCryptoDeps,
  type Reader,
} from './envelopes';
export { rotate, type RotateInput, type Rotated } from './rotate';
