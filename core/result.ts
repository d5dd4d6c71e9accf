import { z } from 'zod';

/** Error codes that cross process boundaries. The UI maps each to a message for the user. */
export const ErrorCode = z.enum([
  'BAD_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'STORE_CORRUPT',
  'STORE_LOCKED',
  'STORE_UNAVAILABLE',
  'TRANSPORT',
  'INTERNAL',
  // Crypto (core/crypto/errors.ts)
  'WRONG_PIN',
  // A signing key is locked: the renderer asks for the PIN and retries (main/kernel/pin-gate.ts).
  'PIN_REQUIRED',
  'PIN_LOCKED',
  'NOT_LOGGED_IN',
  'KEY_NOT_FOUND',
  'KEYSTORE_CORRUPT',
  'CERT_INVALID',
  'CERT_UNTRUSTED',
  'CERT_EXPIRED',
  'CERT_REVOKED',
  'UNSUPPORTED',
  'DECRYPT_FAILED',
  'DEVICE_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Thrown inside handlers and services; turned into `{ok:false}` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Any thrown value as an error shape; unknown errors never leak stack traces to the UI. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误:${message}` };
}
