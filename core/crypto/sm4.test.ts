import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import type { CryptoError } from './errors';
import { sm4Block, sm4RoundKeys } from './sm4';
import { sm4Decrypt, sm4Encrypt } from './sm4-modes';

const KEY = fromHex('0123456789abcdeffedcba9876543210');

describe('SM4 (GB/T 32907)', () => {
  it('encrypts the standard block and decrypts it back', () => {
    const ct = sm4Block(sm4RoundKeys(KEY), KEY);
    expect(toHex(ct)).toBe('681edf34d206965e86b3e94f536e4246');
    expect(toHex(sm4Block(sm4RoundKeys(KEY, true), ct))).toBe(toHex(KEY));
  });

  it('encrypting the block 1,000,000 times gives 595298c7…', () => {
    const rk = sm4RoundKeys(KEY);
    const b = KEY.slice();
    for (let i = 0; i < 1_000_000; i++) sm4Block(rk, b, b);
    expect(toHex(b)).toBe('595298c7c6fd271f0402f804c33d3f66');
  });

  it('CBC with IV = key gives the reference block', () => {
    const ct = sm4Encrypt({ mode: 'CBC', key: KEY, iv: KEY, padding: 'NONE' }, KEY);
    expect(toHex(ct)).toBe('2677f46b09c122cc975533105bd4a22a');
  });

  it('ECB, CBC (PKCS#7) and CTR agree with OpenSSL for lengths 0..70', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    for (let len = 0; len <= 70; len++) {
      const data = randomBytes(len);
      for (const [mode, name] of [
        ['ECB', 'sm4-ecb'],
        ['CBC', 'sm4-cbc'],
        ['CTR', 'sm4-ctr'],
      ] as const) {
        const nodeIv = mode === 'ECB' ? null : iv;
        const c = createCipheriv(name, key, nodeIv);
        const expected = Buffer.concat([c.update(data), c.final()]);
        const params = mode === 'ECB' ? { mode, key } : { mode, key, iv };
        const ours = sm4Encrypt(params, data);
        expect(toHex(ours)).toBe(expected.toString('hex'));
        expect(toHex(sm4Decrypt(params, ours))).toBe(toHex(data));
        const d = createDecipheriv(name, key, nodeIv);
        expect(Buffer.concat([d.update(ours), d.final()]).equals(data)).toBe(true);
      }
    }
  });

  it('rejects bad padding, bad lengths, missing or stray IVs with codes', () => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const ct = sm4Encrypt({ mode: 'CBC', key, iv }, new Uint8Array(20));
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as CryptoError).code;
      }
      return 'none';
    };
    // A wrong key either fails the padding check or yields different bytes; never the plaintext.
    let wrong: Uint8Array | string;
    try {
      wrong = sm4Decrypt({ mode: 'CBC', key: randomBytes(16), iv }, ct);
    } catch (e) {
      wrong = (e as CryptoError).code;
    }
    expect(wrong === 'DECRYPT_FAILED' || (wrong instanceof Uint8Array && toHex(wrong) !== toHex(new Uint8Array(20)))).toBe(true);
    expect(code(() => sm4Decrypt({ mode: 'CBC', key, iv }, ct.subarray(0, 31)))).toBe('DECRYPT_FAILED');
    expect(code(() => sm4Encrypt({ mode: 'CBC', key }, ct))).toBe('BAD_INPUT');
    expect(code(() => sm4Encrypt({ mode: 'ECB', key, iv }, ct))).toBe('BAD_INPUT');
    expect(code(() => sm4Encrypt({ mode: 'ECB', key: key.subarray(0, 8) }, ct))).toBe('BAD_INPUT');
    expect(code(() => sm4Encrypt({ mode: 'CBC', key, iv, padding: 'NONE' }, new Uint8Array(17)))).toBe('BAD_INPUT');
    // A wrong last byte of padding (decrypted, re-encrypted) is always caught.
    const plain = sm4Decrypt({ mode: 'CBC', key, iv, padding: 'NONE' }, ct);
    plain[plain.length - 1] = 17;
    expect(code(() => sm4Decrypt({ mode: 'CBC', key, iv }, sm4Encrypt({ mode: 'CBC', key, iv, padding: 'NONE' }, plain)))).toBe('DECRYPT_FAILED');
    plain[plain.length - 1] = 0;
    expect(code(() => sm4Decrypt({ mode: 'CBC', key, iv }, sm4Encrypt({ mode: 'CBC', key, iv, padding: 'NONE' }, plain)))).toBe('DECRYPT_FAILED');
    plain[plain.length - 1] = 12;
    plain[plain.length - 12] = 11;
    expect(code(() => sm4Decrypt({ mode: 'CBC', key, iv }, sm4Encrypt({ mode: 'CBC', key, iv, padding: 'NONE' }, plain)))).toBe('DECRYPT_FAILED');
    const iv2 = new Uint8Array(iv);
    sm4Encrypt({ mode: 'CTR', key, iv }, new Uint8Array(100));
    expect(iv).toEqual(Buffer.from(iv2)); // the caller's IV is never modified
  });
});
