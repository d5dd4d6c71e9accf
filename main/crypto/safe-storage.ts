/**
 * Optional OS-level wrapping of encrypted key blobs. In Electron this is safeStorage (DPAPI on
 * Windows, Keychain on macOS, libsecret/kwallet on Linux): a key file copied to another
 * machine or account then cannot even be attacked offline by guessing PINs.
 *
 * Electron cannot run in this repository's tests, so only the adapter is here; the Electron
 * main process passes its `safeStorage` object in.
 */
export interface KeyWrapper {
  /** Written to the key file; reading a wrapped key needs a wrapper with the same id. */
  readonly id: string;
  wrap(data: Uint8Array): Uint8Array;
  unwrap(data: Uint8Array): Uint8Array;
}

/** The part of Electron's safeStorage API we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SAFE_STORAGE_WRAPPER_ID = 'electron-safeStorage';

/** A wrapper over safeStorage, or undefined when the OS offers no secret store. */
export function safeStorageWrapper(safeStorage: SafeStorageLike): KeyWrapper | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  return {
    id: SAFE_STORAGE_WRAPPER_ID,
    // safeStorage works on strings; base64 keeps arbitrary bytes intact.
    wrap: (data) => new Uint8Array(safeStorage.encryptString(Buffer.from(data).toString('base64'))),
    unwrap: (data) => new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(data)), 'base64')),
  };
}
