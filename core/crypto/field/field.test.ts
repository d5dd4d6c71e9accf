import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../bytes';
import { softProviderWithKeys } from '../test-helpers';
import { createRecordKey, discardRecordKey, decryptBytes, decryptField, encryptBytes, encryptField, fieldDataKeyId, FIELD_PREFIX, isEncryptedField } from './index';
import { codeOf, readerOf } from './test-support';

const VALUES = [
  '',
  '张三',
  '身份证号 350203199001011234',
  '葛\u{E0100}洪 \u{F0000}\u{10FFFD} 𠀀 👨‍👩‍👧',
  'a'.repeat(15),
  'b'.repeat(16),
  '厦门市思明区'.repeat(500),
];

describe('field encryption', async () => {
  const { handles } = await softProviderWithKeys(1);
  const { key } = await createRecordKey([readerOf('role:petition_officer', handles[0]!)]);
  const { key: other } = await createRecordKey([readerOf('role:petition_officer', handles[0]!)]);

  it('round-trips every value, rare characters and the empty string included', () => {
    for (const value of VALUES) {
      const ct = encryptField(key, 'xf-2024-001', 'idNumber', value);
      expect(ct.startsWith(FIELD_PREFIX)).toBe(true);
      expect(ct).not.toContain(value || '\u0000');
      expect(decryptField(key, 'xf-2024-001', 'idNumber', ct)).toBe(value);
    }
  });

  it('seals bytes (an attachment) the same way: round trip, bound to record and place, tamper refused', async () => {
    const file = new Uint8Array(70_001).map((_, i) => (i * 31) % 256);
    const sealed = encryptBytes(key, 'xf-2024-001', 'attachments.a1', file);
    expect(decryptBytes(key, 'xf-2024-001', 'attachments.a1', sealed)).toEqual(file);
    expect(Buffer.from(sealed).includes(Buffer.from(file.subarray(0, 64)))).toBe(false);
    expect(await codeOf(() => decryptBytes(key, 'xf-2024-002', 'attachments.a1', sealed))).toBe('DECRYPT_FAILED');
    expect(await codeOf(() => decryptBytes(key, 'xf-2024-001', 'attachments.a2', sealed))).toBe('DECRYPT_FAILED');
    expect(await codeOf(() => decryptBytes(other, 'xf-2024-001', 'attachments.a1', sealed))).toBe('DECRYPT_FAILED');
    const flipped = sealed.slice();
    flipped[40] = flipped[40]! ^ 1;
    expect(await codeOf(() => decryptBytes(key, 'xf-2024-001', 'attachments.a1', flipped))).toBe('DECRYPT_FAILED');
    expect(await codeOf(() => decryptBytes(key, 'xf-2024-001', 'attachments.a1', sealed.subarray(0, 30)))).toBe('DECRYPT_FAILED');
  });

  it('reveals the length only to 16 bytes', () => {
    const len = (v: string) => fromBase64(encryptField(key, 'r', 'f', v).slice(FIELD_PREFIX.length)).length;
    expect(len('')).toBe(len('a'.repeat(15)));
    expect(len('张三')).toBe(len('欧阳修远'));
    expect(len('a'.repeat(16))).toBe(len('') + 16);
  });

  it('two encryptions of the same value differ (random IV)', () => {
    const a = encryptField(key, 'r1', 'name', '张三');
    const b = encryptField(key, 'r1', 'name', '张三');
    expect(a).not.toBe(b);
    expect(fromBase64(a.slice(6)).subarray(9, 25)).not.toEqual(fromBase64(b.slice(6)).subarray(9, 25));
  });

  it('a value moved to another field or record does not decrypt', async () => {
    const ct = encryptField(key, 'r1', 'name', '张三');
    expect(await codeOf(() => decryptField(key, 'r1', 'phone', ct))).toBe('DECRYPT_FAILED');
    expect(await codeOf(() => decryptField(key, 'r2', 'name', ct))).toBe('DECRYPT_FAILED');
    // Length-prefixed: moving characters between record id and field name changes the tag.
    expect(await codeOf(() => decryptField(key, 'r1n', 'ame', ct))).toBe('DECRYPT_FAILED');
    expect(decryptField(key, 'r1', 'name', ct)).toBe('张三');
  });

  it('another record key gives DECRYPT_FAILED, a list of generations picks the right one', async () => {
    const ct = encryptField(key, 'r1', 'name', '张三');
    expect(await codeOf(() => decryptField(other, 'r1', 'name', ct))).toBe('DECRYPT_FAILED');
    expect(decryptField([other, key], 'r1', 'name', ct)).toBe('张三');
    expect(fieldDataKeyId(ct)).toBe(key.dataKeyId);
    expect(fieldDataKeyId('张三')).toBeNull();
    expect(isEncryptedField(ct)).toBe(true);
    expect(isEncryptedField(42)).toBe(false);
  });

  it('a wrong key with the right id still fails on the tag', async () => {
    const ct = encryptField(other, 'r1', 'name', '张三');
    const bytes = fromBase64(ct.slice(FIELD_PREFIX.length));
    bytes.set(fromBase64(encryptField(key, 'r', 'f', '').slice(FIELD_PREFIX.length)).subarray(1, 9), 1);
    expect(await codeOf(() => decryptField(key, 'r1', 'name', FIELD_PREFIX + toBase64(bytes)))).toBe('DECRYPT_FAILED');
  });

  it('refuses arguments that would not round-trip', async () => {
    expect(await codeOf(() => encryptField(key, '', 'name', 'x'))).toBe('BAD_INPUT');
    expect(await codeOf(() => encryptField(key, 'r', '', 'x'))).toBe('BAD_INPUT');
    expect(await codeOf(() => encryptField(key, 'r', 'name', 'a\uD800b'))).toBe('BAD_INPUT');
    expect(await codeOf(() => encryptField(key, 'r', 'name', 1 as unknown as string))).toBe('BAD_INPUT');
    expect(await codeOf(() => encryptField({ dataKeyId: key.dataKeyId }, 'r', 'name', 'x'))).toBe('BAD_INPUT');
  });

  it('keeps the key bytes out of the object and can discard them', async () => {
    const { key: k } = await createRecordKey([readerOf('user:zhangsan', handles[0]!)]);
    expect(JSON.parse(JSON.stringify(k))).toEqual({ dataKeyId: k.dataKeyId });
    expect(Object.keys(k)).toEqual(['dataKeyId']);
    const ct = encryptField(k, 'r', 'f', 'x');
    discardRecordKey(k);
    expect(await codeOf(() => decryptField(k, 'r', 'f', ct))).toBe('BAD_INPUT');
  });
});
