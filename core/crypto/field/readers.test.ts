import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../bytes';
import { createSoftSmProvider, memoryKeySource } from '../soft-sm';
import { generatePrivateKey } from '../sm2/keys';
import { softProviderWithKeys, TEST_PIN } from '../test-helpers';
import {
  addReader,
  createRecordKey,
  decryptField,
  encryptField,
  fieldDataKeyId,
  KeyEnvelope,
  openRecordKey,
  openRecordKeys,
  rotate,
  spkiFingerprint,
  type FieldCryptoDeps,
} from './index';
import { codeOf, readerOf } from './test-support';

const RECORD = 'xf-2024-0042';

describe('record keys wrapped for readers, opened through key handles', async () => {
  // Four key holders: the petition officer role, the section chief, a clerk, a newcomer.
  const { provider, handles } = await softProviderWithKeys(4);
  const [officer, chief, clerk, newcomer] = handles as [(typeof handles)[0], (typeof handles)[0], (typeof handles)[0], (typeof handles)[0]];
  const initial = [readerOf('role:petition_officer', officer), readerOf('user:chief', chief)];

  it('each reader opens the key with their own handle; the envelopes are plain, checked JSON', async () => {
    const { key, envelopes } = await createRecordKey(initial);
    expect(envelopes.map((e) => e.recipient)).toEqual(['role:petition_officer', 'user:chief']);
    for (const e of envelopes) {
      expect(KeyEnvelope.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
      expect(e.dataKeyId).toBe(key.dataKeyId);
    }
    expect(envelopes[0]!.fingerprint).toBe(spkiFingerprint(officer.publicKey.spki));
    const ct = encryptField(key, RECORD, 'name', '葛\u{E0100}洪');
    for (const h of [officer, chief]) {
      const opened = await openRecordKey(envelopes, provider, h);
      expect(opened.dataKeyId).toBe(key.dataKeyId);
      expect(decryptField(opened, RECORD, 'name', ct)).toBe('葛\u{E0100}洪');
    }
  });

  it('a reader without an envelope gets KEY_NOT_FOUND', async () => {
    const { envelopes } = await createRecordKey(initial);
    expect(await codeOf(() => openRecordKey(envelopes, provider, clerk))).toBe('KEY_NOT_FOUND');
    expect(await codeOf(() => openRecordKeys(envelopes, provider, clerk))).toBe('KEY_NOT_FOUND');
    expect(await codeOf(() => openRecordKey([], provider, officer))).toBe('KEY_NOT_FOUND');
    // Relabelling an envelope with the clerk's recipient name gives the clerk nothing: matching is by fingerprint.
    expect(await codeOf(() => openRecordKey(envelopes.map((e) => ({ ...e, recipient: 'user:clerk' })), provider, clerk))).toBe('KEY_NOT_FOUND');
  });

  it('an envelope for another key, or a damaged one, gives DECRYPT_FAILED', async () => {
    const { envelopes } = await createRecordKey(initial);
    const [forOfficer] = envelopes;
    // The officer's envelope claimed for the clerk's key: SM2's C3 check fails.
    const stolen = { ...forOfficer!, fingerprint: spkiFingerprint(clerk.publicKey.spki) };
    expect(await codeOf(() => openRecordKey([stolen], provider, clerk))).toBe('DECRYPT_FAILED');
    const wrapped = fromBase64(forOfficer!.wrapped);
    for (let i = 0; i < wrapped.length; i += 7) {
      const copy = wrapped.slice();
      copy[i]! ^= 1;
      expect(await codeOf(() => openRecordKey([{ ...forOfficer!, wrapped: toBase64(copy) }], provider, officer))).toBe('DECRYPT_FAILED');
    }
    expect(await codeOf(() => openRecordKey([{ ...forOfficer!, wrapped: '!!' }], provider, officer))).toBe('DECRYPT_FAILED');
    // A genuine envelope under another key's id: the unwrapped key does not match the id.
    const { envelopes: others } = await createRecordKey(initial);
    expect(await codeOf(() => openRecordKey([{ ...others[0]!, dataKeyId: forOfficer!.dataKeyId }], provider, officer))).toBe('DECRYPT_FAILED');
    // A damaged envelope beside a good one for the same key: the good one opens.
    expect((await openRecordKey([{ ...forOfficer!, wrapped: '!!' }, forOfficer!], provider, officer)).dataKeyId).toBe(forOfficer!.dataKeyId);
  });

  it('needs the provider logged in; the private key never leaves it', async () => {
    const key = generatePrivateKey();
    const locked = createSoftSmProvider(memoryKeySource(TEST_PIN, [{ keyId: 'k', key }]));
    const [h] = await locked.listKeys();
    const { envelopes } = await createRecordKey([readerOf('user:lisi', h!)], { provider: locked });
    expect(await codeOf(() => openRecordKey(envelopes, locked, h!))).toBe('NOT_LOGGED_IN');
    await locked.login(TEST_PIN);
    expect((await openRecordKey(envelopes, locked, h!)).dataKeyId).toBe(envelopes[0]!.dataKeyId);
    // The same handle presented to another provider is refused by that provider.
    expect(await codeOf(() => openRecordKey(envelopes, createSoftSmProvider(memoryKeySource(TEST_PIN, []), { id: 'other' }), h!))).toBe('KEY_NOT_FOUND');
  });

  it('uses the given provider for randomness and wrapping', async () => {
    const calls: string[] = [];
    const deps: FieldCryptoDeps = {
      provider: {
        random: (n) => (calls.push(`random ${n}`), provider.random(n)),
        encrypt: (k, p) => (calls.push(`encrypt ${p.length}`), provider.encrypt(k, p)),
      },
    };
    await createRecordKey(initial, deps);
    expect(calls).toEqual(['random 16', 'encrypt 16', 'encrypt 16']);
  });

  it('refuses no readers, duplicate readers and keys that are not SM2', async () => {
    expect(await codeOf(() => createRecordKey([]))).toBe('BAD_INPUT');
    expect(await codeOf(() => createRecordKey([initial[0]!, initial[0]!]))).toBe('BAD_INPUT');
    expect(await codeOf(() => createRecordKey([{ recipient: 'user:x', spki: new Uint8Array(91) }]))).toBe('BAD_INPUT');
    expect(await codeOf(() => createRecordKey([{ recipient: '', spki: officer.publicKey.spki }]))).toBe('BAD_INPUT');
  });

  it('addReader lets the new reader decrypt, without touching other readers', async () => {
    const { envelopes, key } = await createRecordKey(initial);
    const ct = encryptField(key, RECORD, 'phone', '13800000000');
    // The officer opens the key through the provider and grants the newcomer.
    const opened = await openRecordKey(envelopes, provider, officer);
    const more = await addReader(opened, envelopes, readerOf('user:newcomer', newcomer));
    expect(more.slice(0, 2)).toEqual(envelopes);
    expect(more.map((e) => e.recipient)).toEqual(['role:petition_officer', 'user:chief', 'user:newcomer']);
    expect(decryptField(await openRecordKey(more, provider, newcomer), RECORD, 'phone', ct)).toBe('13800000000');
    // Granting again (e.g. a re-issued key) replaces that recipient's envelope instead of adding one.
    const again = await addReader(opened, more, readerOf('user:newcomer', clerk));
    expect(again.map((e) => e.recipient)).toEqual(['role:petition_officer', 'user:chief', 'user:newcomer']);
    expect(await codeOf(() => openRecordKey(again, provider, newcomer))).toBe('KEY_NOT_FOUND');
    expect(decryptField(await openRecordKey(again, provider, clerk), RECORD, 'phone', ct)).toBe('13800000000');
  });

  it('rotate removes a reader: new key, fields re-encrypted, the old reader cannot open it', async () => {
    const { key, envelopes } = await createRecordKey([...initial, readerOf('user:clerk', clerk)]);
    const fields = {
      name: encryptField(key, RECORD, 'name', '张三'),
      idNumber: encryptField(key, RECORD, 'idNumber', '35020319900101123X'),
      note: encryptField(key, RECORD, 'note', ''),
    };
    const clerkKey = await openRecordKey(envelopes, provider, clerk);

    const officerKey = await openRecordKey(envelopes, provider, officer);
    const rotated = await rotate({ recordId: RECORD, old: officerKey, fields, readers: initial });
    expect(rotated.key.dataKeyId).not.toBe(key.dataKeyId);
    expect(rotated.envelopes.map((e) => e.recipient)).toEqual(['role:petition_officer', 'user:chief']);
    expect(Object.keys(rotated.fields)).toEqual(['name', 'idNumber', 'note']);
    for (const [f, v] of Object.entries(rotated.fields)) {
      expect(v).not.toBe(fields[f as keyof typeof fields]);
      expect(fieldDataKeyId(v)).toBe(rotated.key.dataKeyId);
      // The removed reader: no envelope for the new key, and the old key opens no new value.
      expect(await codeOf(() => decryptField(clerkKey, RECORD, f, v))).toBe('DECRYPT_FAILED');
    }
    expect(await codeOf(() => openRecordKey(rotated.envelopes, provider, clerk))).toBe('KEY_NOT_FOUND');
    const chiefKey = await openRecordKey(rotated.envelopes, provider, chief);
    expect(decryptField(chiefKey, RECORD, 'idNumber', rotated.fields.idNumber!)).toBe('35020319900101123X');
    expect(decryptField(chiefKey, RECORD, 'note', rotated.fields.note!)).toBe('');
    // (Inherent: the values the clerk synced before the rotation still open with the old key.)
    expect(decryptField(clerkKey, RECORD, 'name', fields.name)).toBe('张三');
  });

  it('rotate folds in several generations and refuses a field it cannot decrypt', async () => {
    const a = await createRecordKey(initial);
    const b = await createRecordKey(initial);
    const fields = { name: encryptField(a.key, RECORD, 'name', '张三'), phone: encryptField(b.key, RECORD, 'phone', '110') };
    // Concurrent writers left two generations side by side: a reader opens both.
    const mine = await openRecordKeys([...a.envelopes, ...b.envelopes], provider, officer);
    expect(mine.map((k) => k.dataKeyId).sort()).toEqual([a.key.dataKeyId, b.key.dataKeyId].sort());
    expect(await codeOf(() => openRecordKey([...a.envelopes, ...b.envelopes], provider, officer))).toBe('BAD_INPUT');
    const chosen = await openRecordKey([...a.envelopes, ...b.envelopes], provider, officer, { dataKeyId: fieldDataKeyId(fields.phone)! });
    expect(decryptField(chosen, RECORD, 'phone', fields.phone)).toBe('110');

    const rotated = await rotate({ recordId: RECORD, old: mine, fields, readers: initial });
    expect(decryptField(rotated.key, RECORD, 'name', rotated.fields.name!)).toBe('张三');
    expect(decryptField(rotated.key, RECORD, 'phone', rotated.fields.phone!)).toBe('110');
    expect(await codeOf(() => rotate({ recordId: RECORD, old: a.key, fields, readers: initial }))).toBe('DECRYPT_FAILED');
    expect(await codeOf(() => rotate({ recordId: RECORD, old: mine, fields: { ...fields, phone: fields.name }, readers: initial }))).toBe('DECRYPT_FAILED');
  });
});
