import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex, utf8Encode } from './bytes';
import { hmacSm3, pbkdf2HmacSm3, sm2Kdf } from './hmac';
import { Sm3, sm3 } from './sm3';

const nodeSm3 = (b: Uint8Array) => createHash('sm3').update(b).digest('hex');

describe('SM3 (GB/T 32905)', () => {
  it('matches the standard vectors', () => {
    expect(toHex(sm3(utf8Encode('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(sm3(utf8Encode('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('agrees with OpenSSL for every length around the padding boundaries', () => {
    const data = randomBytes(300);
    for (let len = 0; len <= 300; len++) expect(toHex(sm3(data.subarray(0, len)))).toBe(nodeSm3(data.subarray(0, len)));
  });

  it('gives the same digest however the stream is split', () => {
    const data = randomBytes(5000);
    const whole = toHex(sm3(data));
    for (let trial = 0; trial < 50; trial++) {
      const h = new Sm3();
      for (let pos = 0; pos < data.length; ) {
        const n = Math.floor(Math.random() * 200);
        h.update(data.subarray(pos, pos + n));
        pos += n;
      }
      expect(toHex(h.digest())).toBe(whole);
    }
  });

  it('hashes the UTF-8 bytes of supplementary-plane characters (U+E0100, U+F0000, U+20000)', () => {
    for (const text of ['\u{E0100}', '\u{F0000}', '𠀀', '葛\u{E0100}', 'a\u{10FFFF}b', '协同办公']) {
      const bytes = utf8Encode(text);
      expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(toHex(sm3(bytes))).toBe(nodeSm3(Buffer.from(text, 'utf8')));
    }
    expect(utf8Encode('\u{E0100}')).toEqual(new Uint8Array([0xf3, 0xa0, 0x84, 0x80]));
    expect(utf8Encode('\u{F0000}')).toEqual(new Uint8Array([0xf3, 0xb0, 0x80, 0x80]));
  });

  it('refuses to be used after digest()', () => {
    const h = new Sm3().update(new Uint8Array(3));
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow();
  });
});

describe('HMAC-SM3 and PBKDF2-HMAC-SM3', () => {
  it('HMAC agrees with OpenSSL for short, block-size and long keys', () => {
    for (const klen of [0, 16, 64, 65, 200]) {
      const key = randomBytes(klen);
      const msg = randomBytes(333);
      expect(toHex(hmacSm3(key, msg))).toBe(createHmac('sm3', key).update(msg).digest('hex'));
    }
  });

  it('PBKDF2 agrees with OpenSSL, including multi-block output', () => {
    for (const [iters, len] of [
      [1, 32],
      [2, 20],
      [1000, 48],
      [4097, 64],
    ] as const) {
      const pw = utf8Encode('口令123456');
      const salt = randomBytes(16);
      expect(toHex(pbkdf2HmacSm3(pw, salt, iters, len))).toBe(pbkdf2Sync(Buffer.from(pw), salt, iters, len, 'sm3').toString('hex'));
    }
  });

  it('the SM2 KDF concatenates SM3(Z ‖ counter) blocks', () => {
    const z = randomBytes(64);
    const out = sm2Kdf(z, 70);
    const block = (i: number) => createHash('sm3').update(z).update(Buffer.from([0, 0, 0, i])).digest();
    expect(Buffer.from(out).equals(Buffer.concat([block(1), block(2), block(3)]).subarray(0, 70))).toBe(true);
  });
});
