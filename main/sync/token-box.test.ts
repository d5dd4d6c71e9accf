import { describe, expect, it } from 'vitest';
import { safeStorageWrapper } from '../crypto/safe-storage';
import { wrapperSecretBox } from './token-box';

/** Electron's safeStorage as the tests can have it: reversible, and refusing what it did not write. */
const fakeSafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(`OS:${s.split('').reverse().join('')}`, 'latin1'),
  decryptString: (b: Buffer) => {
    const text = b.toString('latin1');
    if (!text.startsWith('OS:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(3).split('').reverse().join('');
  },
};

describe('the secret box over safeStorage', () => {
  it('seals a token into JSON-safe text that only the OS store opens again', () => {
    const box = wrapperSecretBox(safeStorageWrapper(fakeSafeStorage)!);
    const token = 'xt1.eyJzdWIiOiLmnY7lm5sifQ.c2ln';
    const sealed = box.seal(token);
    expect(sealed).not.toContain(token);
    expect(sealed).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(box.open(sealed)).toBe(token);
    expect(box.id).toBe('electron-safeStorage');
    expect(() => box.open(Buffer.from('copied from another machine').toString('base64'))).toThrow();
  });
});
