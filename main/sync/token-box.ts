import type { KeyWrapper } from '../crypto/safe-storage';

/**
 * Protects the sync login token at rest (the profile's `sync.config`). Whoever copies a profile
 * must not be able to sync as its user until the token expires, so in Electron the token is
 * sealed with the OS secret store (safeStorage: DPAPI, Keychain, libsecret), which a copy on
 * another machine or account cannot open. The web host has no such store and keeps it as is.
 */
export interface SecretBox {
  /** Written beside the sealed value: a value sealed by another kind of box is not even tried. */
  readonly id: string;
  seal(text: string): string;
  /** Throws when the value cannot be opened (another machine, a reset keychain, corrupt data). */
  open(sealed: string): string;
}

/** A box over the OS wrapping the keystore uses (`safeStorageWrapper`); base64 keeps it JSON-safe. */
export function wrapperSecretBox(wrapper: KeyWrapper): SecretBox {
  return {
    id: wrapper.id,
    seal: (text) => Buffer.from(wrapper.wrap(new TextEncoder().encode(text))).toString('base64'),
    open: (sealed) => new TextDecoder('utf-8', { fatal: true }).decode(wrapper.unwrap(new Uint8Array(Buffer.from(sealed, 'base64')))),
  };
}
