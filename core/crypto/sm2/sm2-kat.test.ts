import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Decode, utf8Encode } from '../bytes';
import { encryptWithK, sm2Decrypt } from './encrypt';
import { encodePublicPoint, privateKeyFromScalar } from './keys';
import { encodeSignatureDer } from './signature-der';
import { signWithK, sm2VerifyDigest } from './sign';
import { SM2_DEFAULT_ID, sm2E, sm2Za } from './za';

/** GM/T 0003.5 Annex A vectors on the recommended curve (see domain-facts.md). */
const D = 0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8n;
const K = 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n;
const PUB = '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13';

describe('SM2 known answers', () => {
  const key = privateKeyFromScalar(D);

  it('derives the published public key', () => {
    expect(toHex(encodePublicPoint(key.pub))).toBe(PUB);
  });

  it('signature: Z_A, e, and r, s with the fixed k', () => {
    expect(SM2_DEFAULT_ID).toBe('1234567812345678');
    expect(toHex(sm2Za(key.pub))).toBe('b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
    const e = sm2E(key.pub, utf8Encode('message digest'));
    expect(toHex(e)).toBe('f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640');
    const sig = signWithK(key, e, K)!;
    expect(sig.r.toString(16)).toBe('f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3');
    expect(sig.s.toString(16)).toBe('b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
    expect(sm2VerifyDigest(key.pub, e, sig)).toBe(true);
    expect(encodeSignatureDer(sig).length).toBe(72);
  });

  it('the ID of the test-curve example (ALICE123@YAHOO.COM) gives a different Z_A and signature', () => {
    const e = sm2E(key.pub, utf8Encode('message digest'), 'ALICE123@YAHOO.COM');
    expect(toHex(e)).not.toBe('f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640');
    expect(signWithK(key, e, K)!.s.toString(16)).not.toBe('b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
  });

  it('encryption with the fixed k gives the published C3 and C2 (C1C3C2), and decrypts', () => {
    const ct = encryptWithK(key.pub, utf8Encode('encryption standard'), K)!;
    const hex = toHex(ct);
    expect(hex).toContain('042059983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766');
    expect(hex.endsWith('041321886ca989ca9c7d58087307ca93092d651efa')).toBe(true);
    expect(hex.indexOf('59983c18')).toBeLessThan(hex.indexOf('21886ca9')); // C3 before C2
    expect(utf8Decode(sm2Decrypt(key, ct))).toBe('encryption standard');
  });

  it('decrypts the standard ciphertext assembled from C1 = k·G, C3 and C2', () => {
    const c1 = privateKeyFromScalar(K).pub; // k·G
    const der = (tag: number, v: Uint8Array) => new Uint8Array([tag, v.length, ...v]);
    const int = (n: bigint) => {
      const b = fromHex(n.toString(16).padStart(64, '0'));
      return der(2, b[0]! >= 0x80 ? new Uint8Array([0, ...b]) : b);
    };
    const body = new Uint8Array([
      ...int(c1.x),
      ...int(c1.y),
      ...der(4, fromHex('59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766')),
      ...der(4, fromHex('21886ca989ca9c7d58087307ca93092d651efa')),
    ]);
    expect(utf8Decode(sm2Decrypt(key, der(0x30, body)))).toBe('encryption standard');
  });
});
