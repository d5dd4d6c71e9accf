import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../core/crypto/bytes';
import type { CryptoError } from '../../core/crypto/errors';
import { createSoftSmProvider } from '../../core/crypto/soft-sm';
import { generatePrivateKey, privateKeyToBytes } from '../../core/crypto/sm2/keys';
import { encodeSpki } from '../../core/crypto/sm2/pkcs';
import { Keystore } from './keystore';
import { safeStorageWrapper, type KeyWrapper } from './safe-storage';
import { createSoftRsaProvider, generateRsaKey } from './soft-rsa';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'keystore-'));
const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'none';
  } catch (e) {
    return (e as CryptoError).code;
  }
};

function storeWithKey(dir = tmp(), clock = { t: 1_000_000 }, wrapper?: KeyWrapper) {
  const ks = Keystore.forDataDir(dir, { iterations: 1000, now: () => clock.t, ...(wrapper ? { wrapper } : {}) });
  const key = generatePrivateKey();
  ks.addKey('zhangsan', '123456', { keyId: 'sign', algorithm: 'SM2', usage: ['sign'], privateKey: privateKeyToBytes(key), spki: encodeSpki(key.pub) });
  return { ks, key, dir, clock };
}

describe('keystore', () => {
  it('stores the key encrypted under the PIN; the PIN and the key never appear in the file', async () => {
    const { ks, key, dir } = storeWithKey();
    const text = fs.readFileSync(path.join(dir, 'keys', 'zhangsan.json'), 'utf8');
    expect(text).not.toContain('123456');
    expect(text).not.toContain(Buffer.from(privateKeyToBytes(key)).toString('base64'));
    expect(text).not.toContain(Buffer.from(privateKeyToBytes(key)).toString('hex'));
    expect(JSON.parse(text)).toMatchObject({ format: 'xietong-keystore', keys: [{ kdf: { name: 'PBKDF2-HMAC-SM3', iterations: 1000 } }] });
    const provider = createSoftSmProvider(ks.source('zhangsan', 'SM2'));
    await provider.login('123456');
    const [h] = await provider.listKeys();
    const sig = await provider.sign(h!, utf8Encode('签发'));
    expect(await provider.verify(h!.publicKey, utf8Encode('签发'), sig)).toBe(true);
  });

  it('WRONG_PIN, then PIN_LOCKED with a growing delay that survives a restart, cleared by the right PIN', () => {
    const { dir, clock } = storeWithKey();
    const open = () => Keystore.forDataDir(dir, { iterations: 1000, now: () => clock.t }); // a fresh process each time
    for (let i = 0; i < 3; i++) expect(codeOf(() => open().unlock('zhangsan', '000000'))).toBe('WRONG_PIN');
    // Three free attempts used: now even the right PIN must wait 30 s.
    expect(codeOf(() => open().unlock('zhangsan', '123456'))).toBe('PIN_LOCKED');
    clock.t += 30_001;
    expect(codeOf(() => open().unlock('zhangsan', '000000'))).toBe('WRONG_PIN');
    clock.t += 30_001; // the delay has doubled to 60 s
    expect(codeOf(() => open().unlock('zhangsan', '123456'))).toBe('PIN_LOCKED');
    clock.t += 30_000;
    expect(open().unlock('zhangsan', '123456').size).toBe(1);
    expect(codeOf(() => open().unlock('zhangsan', '000000'))).toBe('WRONG_PIN'); // counter was reset
  });

  it('a corrupt key file gives KEYSTORE_CORRUPT and is left untouched', () => {
    const { ks, dir } = storeWithKey();
    const file = path.join(dir, 'keys', 'zhangsan.json');
    const good = fs.readFileSync(file, 'utf8');
    for (const bad of ['{not json', good.replace('"SM2"', '"DSA"'), good.replace(/"mac": "[^"]+"/, '"mac": 5')]) {
      fs.writeFileSync(file, bad);
      expect(codeOf(() => ks.unlock('zhangsan', '123456'))).toBe('KEYSTORE_CORRUPT');
      const key = generatePrivateKey();
      expect(codeOf(() => ks.addKey('zhangsan', '123456', { keyId: 'enc', algorithm: 'SM2', usage: ['decrypt'], privateKey: privateKeyToBytes(key), spki: encodeSpki(key.pub) }))).toBe(
        'KEYSTORE_CORRUPT',
      );
      expect(fs.readFileSync(file, 'utf8')).toBe(bad);
    }
    expect(codeOf(() => ks.unlock('nobody', '123456'))).toBe('KEY_NOT_FOUND');
  });

  it('a swapped public key fails the MAC (reported as a wrong PIN, nothing decrypted)', () => {
    const { ks, dir } = storeWithKey();
    const file = path.join(dir, 'keys', 'zhangsan.json');
    const token = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: Array<{ spki: string }> };
    token.keys[0]!.spki = Buffer.from(encodeSpki(generatePrivateKey().pub)).toString('base64');
    fs.writeFileSync(file, JSON.stringify(token));
    expect(codeOf(() => ks.unlock('zhangsan', '123456'))).toBe('WRONG_PIN');
  });

  it('wraps with the OS wrapper when given, and refuses wrapped keys without it', () => {
    const wrapper: KeyWrapper = { id: 'test-xor', wrap: (d) => d.map((b) => b ^ 0x5a), unwrap: (d) => d.map((b) => b ^ 0x5a) };
    const { dir, clock } = storeWithKey(tmp(), { t: 0 }, wrapper);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'keys', 'zhangsan.json'), 'utf8')).keys[0].wrapper).toBe('test-xor');
    expect(Keystore.forDataDir(dir, { now: () => clock.t, wrapper }).unlock('zhangsan', '123456').size).toBe(1);
    expect(codeOf(() => Keystore.forDataDir(dir, { now: () => clock.t }).unlock('zhangsan', '123456'))).toBe('UNSUPPORTED');
  });

  it('the safeStorage adapter wraps bytes through strings and is absent without OS encryption', () => {
    const fake = {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s.split('').reverse().join(''), 'latin1'),
      decryptString: (b: Buffer) => b.toString('latin1').split('').reverse().join(''),
    };
    const w = safeStorageWrapper(fake)!;
    const data = new Uint8Array([0, 1, 2, 250, 255]);
    expect(w.unwrap(w.wrap(data))).toEqual(data);
    expect(w.wrap(data)).not.toEqual(data);
    expect(safeStorageWrapper({ ...fake, isEncryptionAvailable: () => false })).toBeUndefined();
  });

  it('keeps non-ASCII logins in safe file names', () => {
    const ks = Keystore.forDataDir(tmp(), { iterations: 1000 });
    const key = generatePrivateKey();
    ks.addKey('张三', '654321', { keyId: 'sign', algorithm: 'SM2', usage: ['sign'], privateKey: privateKeyToBytes(key), spki: encodeSpki(key.pub) });
    expect(ks.list('张三')).toHaveLength(1);
    expect(codeOf(() => ks.list('../zhangsan'))).toBe('KEY_NOT_FOUND');
  });

  it('soft-rsa signs and verifies RSA-2048/SHA-256 through the same interface', async () => {
    const ks = Keystore.forDataDir(tmp(), { iterations: 1000 });
    const rsa = generateRsaKey();
    ks.addKey('wangwu', '112233', { keyId: 'rsa', algorithm: 'RSA', usage: ['sign', 'decrypt'], ...rsa });
    // Asking for SM2 keys of an RSA-only token still checks the PIN.
    expect(codeOf(() => ks.unlock('wangwu', '000000', 'SM2'))).toBe('WRONG_PIN');
    expect(ks.unlock('wangwu', '112233', 'SM2').size).toBe(0);
    const provider = createSoftRsaProvider(ks.source('wangwu', 'RSA'));
    await provider.login('112233');
    const [h] = await provider.listKeys();
    const msg = utf8Encode('International PDF');
    const sig = await provider.sign(h!, msg);
    expect(await provider.verify(h!.publicKey, msg, sig)).toBe(true);
    expect(await provider.verifyDigest(h!.publicKey, provider.messageDigest(h!.publicKey, msg), sig)).toBe(true);
    const viaDigest = await provider.signDigest(h!, provider.messageDigest(h!.publicKey, msg));
    expect(viaDigest).toEqual(sig); // PKCS#1 v1.5 is deterministic
    expect(await provider.verify(h!.publicKey, utf8Encode('international PDF'), sig)).toBe(false);
    expect(await provider.verify(h!.publicKey, msg, sig.subarray(1))).toBe(false);
    expect(new TextDecoder().decode(await provider.decrypt(h!, await provider.encrypt(h!.publicKey, msg)))).toBe('International PDF');
  });
});
