import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opensslSync } from '../../../main/crypto/testing/openssl';
import { requireTool } from '../../../main/testing/require-tool';
import { concatBytes, fromBase64, fromHex, toBase64, toHex, utf8Encode } from '../bytes';
import { randomBytes } from '../random';
import { privateKeyToPem, publicKeyToPem } from '../sm2/pkcs';
import { softProviderWithKeys } from '../test-helpers';
import { createRecordKey, decryptField, encryptField, FIELD_PREFIX, openRecordKey, spkiFingerprint, type KeyEnvelope } from './index';
import { dataKeyIdOf, recordKeyFromDek } from './record-key';
import { readerOf } from './test-support';

const hasOpenssl = requireTool('openssl');

describe.skipIf(!hasOpenssl)('record-key envelopes interoperate with openssl (GM/T 0009 C1C3C2)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'field-ossl-'));
  const { provider, handles, keys } = await softProviderWithKeys(2);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, data: Uint8Array): string => {
    const f = path.join(dir, name);
    writeFileSync(f, data);
    return f;
  };
  const hmacSm3 = (key: Uint8Array, data: Uint8Array): Uint8Array => {
    const r = opensslSync(['mac', '-digest', 'SM3', '-macopt', `hexkey:${toHex(key)}`, '-in', file('mac.in', data), 'HMAC']);
    expect(r.status).toBe(0);
    return fromHex(r.stdout.toString().trim());
  };

  it('openssl pkeyutl -decrypt unwraps our envelopes to the record key', async () => {
    const { key, envelopes } = await createRecordKey(handles.map((h, i) => readerOf(`user:u${i}`, h)));
    const value = encryptField(key, 'xf-9', 'name', '葛\u{E0100}洪 \u{F0000}');
    for (let i = 0; i < keys.length; i++) {
      const keyFile = path.join(dir, `reader${i}.key`);
      writeFileSync(keyFile, privateKeyToPem(keys[i]!));
      const r = opensslSync(['pkeyutl', '-decrypt', '-inkey', keyFile], fromBase64(envelopes[i]!.wrapped));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const dek = new Uint8Array(r.stdout);
      expect(dek).toHaveLength(16);
      expect(toHex(dataKeyIdOf(dek))).toBe(key.dataKeyId);
      expect(decryptField(recordKeyFromDek(dek), 'xf-9', 'name', value)).toBe('葛\u{E0100}洪 \u{F0000}');
    }
  });

  it('an envelope made by openssl pkeyutl -encrypt opens through our key handle', async () => {
    const pubFile = path.join(dir, 'reader0.pub');
    writeFileSync(pubFile, publicKeyToPem(keys[0]!.pub));
    const dek = randomBytes(16);
    const r = opensslSync(['pkeyutl', '-encrypt', '-pubin', '-inkey', pubFile], dek);
    expect(r.status).toBe(0);
    const envelope: KeyEnvelope = {
      v: 1,
      recipient: 'role:petition_officer',
      fingerprint: spkiFingerprint(handles[0]!.publicKey.spki),
      dataKeyId: toHex(dataKeyIdOf(dek)),
      wrapped: toBase64(new Uint8Array(r.stdout)),
    };
    const opened = await openRecordKey([envelope], provider, handles[0]!);
    expect(decryptField(opened, 'xf-9', 'phone', encryptField(recordKeyFromDek(dek), 'xf-9', 'phone', '13800000000'))).toBe('13800000000');
  });

  it('openssl alone reads a field value given the record key (the format is plain HMAC-SM3 and SM4-CBC)', () => {
    const dek = randomBytes(16);
    const value = encryptField(recordKeyFromDek(dek), 'xf-9', 'address', '厦门市思明区 葛\u{E0100}');
    const bytes = fromBase64(value.slice(FIELD_PREFIX.length));
    const [header, body, tag] = [bytes.subarray(0, 25), bytes.subarray(25, bytes.length - 32), bytes.subarray(bytes.length - 32)];
    const label = (name: string) => utf8Encode(`xietong/field/v1/${name}`);
    const encKey = hmacSm3(dek, label('enc')).subarray(0, 16);
    const macKey = hmacSm3(dek, label('mac'));
    expect(toHex(header.subarray(1, 9))).toBe(toHex(hmacSm3(dek, label('id')).subarray(0, 8)));
    const lp = (s: string) => {
      const b = utf8Encode(s);
      return concatBytes(new Uint8Array([0, 0, 0, b.length]), b);
    };
    expect(hmacSm3(macKey, concatBytes(header.subarray(0, 9), lp('xf-9'), lp('address'), header.subarray(9), body))).toEqual(tag);
    const r = opensslSync(['enc', '-d', '-sm4-cbc', '-K', toHex(encKey), '-iv', toHex(header.subarray(9))], body);
    expect(r.status).toBe(0);
    expect(new TextDecoder().decode(r.stdout)).toBe('厦门市思明区 葛\u{E0100}');
  });
});
