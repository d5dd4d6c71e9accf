import { describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes';
import { keyAad, openWithPin, sealWithPin } from './pin-seal';
import { randomBytes } from './random';

describe('PIN seal', () => {
  const secret = randomBytes(32);
  const aad = keyAad('zhangsan', 'sign', 'SM2', utf8Encode('spki'));
  const sealed = sealWithPin(secret, '135790', aad, 1000);

  it('opens with the right PIN and aad only', () => {
    expect(openWithPin(sealed, '135790', aad)).toEqual(secret);
    expect(openWithPin(sealed, '135791', aad)).toBeNull();
    expect(openWithPin(sealed, '135790', keyAad('lisi', 'sign', 'SM2', utf8Encode('spki')))).toBeNull();
  });

  it('detects tampering with any part', () => {
    for (const field of ['salt', 'iv', 'ciphertext', 'mac'] as const) {
      const copy = { ...sealed, [field]: sealed[field].slice() };
      copy[field][0]! ^= 1;
      expect(openWithPin(copy, '135790', aad)).toBeNull();
    }
    expect(openWithPin({ ...sealed, iterations: 999 }, '135790', aad)).toBeNull();
  });

  it('uses a fresh salt and IV every time and rejects short PINs', () => {
    const again = sealWithPin(secret, '135790', aad, 1000);
    expect(again.salt).not.toEqual(sealed.salt);
    expect(again.ciphertext).not.toEqual(sealed.ciphertext);
    expect(() => sealWithPin(secret, '123', aad, 1000)).toThrow(/PIN/);
  });
});
