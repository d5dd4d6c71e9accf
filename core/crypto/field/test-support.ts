/** Fixtures for the field-encryption tests (imported only by *.test.ts files). */
import { CryptoError } from '../errors';
import type { KeyHandle } from '../provider';
import type { Reader } from './envelopes';

/** The error code of a failing call, sync or async; 'OK' if it succeeds, 'NOT_CRYPTO: …' for any other throw. */
export async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (err) {
    return err instanceof CryptoError ? err.code : `NOT_CRYPTO: ${String(err)}`;
  }
}

export const readerOf = (recipient: string, handle: KeyHandle): Reader => ({ recipient, spki: handle.publicKey.spki });
