import * as buffer from 'lib0/buffer';
import * as string from 'lib0/string';
import { z } from 'zod';

/**
 * Signed, expiring access tokens: `xt1.<payload>.<signature>`, both base64url; the payload is
 * JSON `{sub, iat, exp}` (login, issued-at and expiry in Unix seconds) and the signature is
 * HMAC-SHA256 over `xt1.<payload>` with the server's secret. The HMAC is passed in, so this file
 * stays pure and the server uses node's crypto.
 */
export type Hmac = (key: Uint8Array, data: Uint8Array) => Uint8Array;

const PREFIX = 'xt1';
const MAX_TOKEN_LENGTH = 2048;

const Payload = z.object({
  sub: z.string().min(1).max(200),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
});
export type TokenPayload = z.infer<typeof Payload>;

export type TokenCheck =
  | { ok: true; payload: TokenPayload }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' };

export function signToken(payload: TokenPayload, secret: Uint8Array, hmac: Hmac): string {
  const body = `${PREFIX}.${buffer.toBase64UrlEncoded(string.encodeUtf8(JSON.stringify(payload)))}`;
  return `${body}.${buffer.toBase64UrlEncoded(hmac(secret, string.encodeUtf8(body)))}`;
}

export function verifyToken(token: unknown, secret: Uint8Array, hmac: Hmac, nowSeconds: number): TokenCheck {
  if (typeof token !== 'string' || token.length === 0) return { ok: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !BASE64URL.test(parts[1]!) || !BASE64URL.test(parts[2]!)) {
    return { ok: false, reason: 'malformed' };
  }
  const body = `${parts[0]}.${parts[1]}`;
  const expected = hmac(secret, string.encodeUtf8(body));
  // The signature is checked before the payload is even parsed: forged payloads are never read.
  if (!constantTimeEqual(expected, buffer.fromBase64UrlEncoded(parts[2]!))) return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(string.decodeUtf8(buffer.fromBase64UrlEncoded(parts[1]!)));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** `--ttl` values: `90s`, `30m`, `12h`, `7d`, or plain seconds. */
export function parseTtl(text: string): number | null {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = n * unit;
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : null;
}
