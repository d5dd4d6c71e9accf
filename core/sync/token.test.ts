import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTtl, signToken, verifyToken, type Hmac } from './token';

const hmac: Hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const secret = new Uint8Array(32).fill(1);

describe('tokens', () => {
  it('verify while fresh, and not after expiry', () => {
    const token = signToken({ sub: 'alice', iat: 100, exp: 200 }, secret, hmac);
    expect(verifyToken(token, secret, hmac, 150)).toEqual({ ok: true, payload: { sub: 'alice', iat: 100, exp: 200 } });
    expect(verifyToken(token, secret, hmac, 200)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse forged, re-signed and malformed tokens', () => {
    const token = signToken({ sub: 'alice', iat: 100, exp: 200 }, secret, hmac);
    const [p, , s] = token.split('.');
    const forged = `xt1.${Buffer.from(JSON.stringify({ sub: 'admin', iat: 100, exp: 200 })).toString('base64url')}.${s}`;
    expect(verifyToken(forged, secret, hmac, 150)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(token, new Uint8Array(32), hmac, 150)).toMatchObject({ ok: false, reason: 'bad-signature' });
    for (const bad of ['', undefined, 'a.b', `xt2.${p}.${s}`, `xt1.${p}.${s}.x`, 'xt1.!!.??']) {
      expect(verifyToken(bad, secret, hmac, 150).ok).toBe(false);
    }
  });

  it('parse TTLs', () => {
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('7d')).toBe(604800);
    expect(parseTtl('0')).toBeNull();
    expect(parseTtl('1w')).toBeNull();
  });
});
