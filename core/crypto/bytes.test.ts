import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toBase64, toHex, utf8Decode, utf8Encode } from './bytes';
import { randomBytes } from './random';

describe('byte helpers', () => {
  it('UTF-8 encodes like Node for BMP, supplementary planes and lone surrogates', () => {
    for (const s of ['', 'abc', '协同办公', '〔2022〕', '\u{E0100}', '\u{F0000}', '\u{10FFFF}', '\uD800x', 'x\uDFFF', '😀😀']) {
      expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
    }
  });

  it('UTF-8 decoding is strict', () => {
    expect(utf8Decode(utf8Encode('葛\u{E0100}\u{F0000}'))).toBe('葛\u{E0100}\u{F0000}');
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0x80], [0xff]]) {
      expect(() => utf8Decode(new Uint8Array(bad))).toThrow();
    }
  });

  it('hex and base64 round-trip and match Node; malformed input is rejected', () => {
    for (let n = 0; n < 40; n++) {
      const b = randomBytes(n);
      expect(toHex(b)).toBe(Buffer.from(b).toString('hex'));
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect(fromBase64(toBase64(b))).toEqual(b);
      expect(fromHex(toHex(b))).toEqual(b);
    }
    for (const bad of ['abc', 'ab=c', 'a===', 'YQ=', 'YR==', 'Y Q==']) expect(() => fromBase64(bad)).toThrow();
    for (const bad of ['a', 'zz', '0x00']) expect(() => fromHex(bad)).toThrow();
  });

  it('random bytes are not all equal and support large requests', () => {
    const a = randomBytes(70000);
    expect(a.length).toBe(70000);
    expect(new Set(a.subarray(65500, 65600)).size).toBeGreaterThan(30);
  });
});
