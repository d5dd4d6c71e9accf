import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../bytes';
import { CryptoError } from '../errors';
import { softProviderWithKeys } from '../test-helpers';
import { createRecordKey, decryptField, encryptField, FIELD_PREFIX, type RecordKey } from './index';
import { readerOf } from './test-support';

/** Decrypts expecting failure: anything but a DECRYPT_FAILED CryptoError (a value, another error) is reported. */
function outcome(key: RecordKey, value: unknown): string {
  try {
    return `returned ${JSON.stringify(decryptField(key, 'xf-1', 'idNumber', value as string))}`;
  } catch (err) {
    return err instanceof CryptoError && err.code === 'DECRYPT_FAILED' ? 'DECRYPT_FAILED' : `threw ${String(err)}`;
  }
}

describe('field tampering: always DECRYPT_FAILED, never garbage, never another error', async () => {
  const { handles } = await softProviderWithKeys(1);
  const { key } = await createRecordKey([readerOf('role:petition_officer', handles[0]!)]);

  for (const value of ['', '350203199001011234', '葛\u{E0100}洪\u{F0000}'.repeat(3)]) {
    const ct = encryptField(key, 'xf-1', 'idNumber', value);
    const bytes = fromBase64(ct.slice(FIELD_PREFIX.length));

    it(`every byte flipped (${bytes.length} bytes, value length ${value.length})`, () => {
      const bad: string[] = [];
      for (let i = 0; i < bytes.length; i++) {
        for (const mask of [0x01, 0x80, 0xff]) {
          const copy = bytes.slice();
          copy[i]! ^= mask;
          const r = outcome(key, FIELD_PREFIX + toBase64(copy));
          if (r !== 'DECRYPT_FAILED') bad.push(`byte ${i} ^ ${mask}: ${r}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('every character of the stored string changed', () => {
      const bad: string[] = [];
      for (let i = 0; i < ct.length; i++) {
        for (const replacement of [String.fromCharCode(ct.charCodeAt(i) ^ 1), '=', '中', '']) {
          const changed = ct.slice(0, i) + replacement + ct.slice(i + 1);
          if (changed === ct) continue;
          const r = outcome(key, changed);
          if (r !== 'DECRYPT_FAILED') bad.push(`char ${i} → ${JSON.stringify(replacement)}: ${r}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('truncated, extended or re-blocked', () => {
      const cases = [
        bytes.subarray(0, bytes.length - 1),
        bytes.subarray(0, bytes.length - 16),
        bytes.subarray(0, bytes.length - 32),
        bytes.subarray(16),
        new Uint8Array([...bytes, 0]),
        new Uint8Array([...bytes, ...new Uint8Array(16)]),
        new Uint8Array([...bytes.subarray(0, 25), ...bytes.subarray(41)]),
        new Uint8Array(0),
      ];
      for (const c of cases) expect(outcome(key, FIELD_PREFIX + toBase64(c))).toBe('DECRYPT_FAILED');
    });
  }

  it('values that are not field ciphertexts at all', () => {
    const ct = encryptField(key, 'xf-1', 'idNumber', 'x');
    for (const v of [undefined, null, 42, {}, [], '', '张三', FIELD_PREFIX, 'sm4f2:' + ct.slice(6), ct.slice(6), ` ${ct}`, `${ct}\n`, ct.toUpperCase(), ct.replace('sm4f1', 'SM4F1')]) {
      expect(outcome(key, v)).toBe('DECRYPT_FAILED');
    }
  });
});
