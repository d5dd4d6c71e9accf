import { AppError } from '../result';

/**
 * Error codes raised by the crypto layer. They mirror AppError's `{code, message}` shape so a
 * handler can pass them across the IPC boundary unchanged; user-facing messages are Chinese.
 */
export type CryptoErrorCode =
  | 'BAD_INPUT'
  | 'WRONG_PIN'
  | 'PIN_LOCKED'
  | 'NOT_LOGGED_IN'
  | 'KEY_NOT_FOUND'
  | 'KEYSTORE_CORRUPT'
  | 'CERT_INVALID'
  | 'CERT_UNTRUSTED'
  | 'CERT_EXPIRED'
  | 'CERT_REVOKED'
  | 'UNSUPPORTED'
  | 'DECRYPT_FAILED'
  | 'DEVICE_ERROR';

/** A crypto failure; an AppError, so it crosses the IPC boundary and the CLI with its code. */
export class CryptoError extends AppError {
  declare readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'CryptoError';
  }
}

export const badInput = (message: string, details?: unknown): CryptoError => new CryptoError('BAD_INPUT', message, details);
