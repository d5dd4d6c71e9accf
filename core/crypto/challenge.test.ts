import { describe, expect, it } from 'vitest';
import { checkChallengeBeforeSigning, createChallenge, type LoginChallenge } from './challenge';
import { CryptoError } from './errors';

/** The client's check before it unlocks the key for a certificate-login challenge. */
describe('checkChallengeBeforeSigning', () => {
  const audience = 'ws://10.0.0.5:1234';
  const now = new Date('2026-03-02T09:00:00.000Z');
  const failure = (challenge: LoginChallenge, at = now): CryptoError => {
    try {
      checkChallengeBeforeSigning(challenge, audience, at);
    } catch (err) {
      if (err instanceof CryptoError) return err;
      throw err;
    }
    throw new Error('expected the challenge to be refused');
  };

  it('accepts a fresh challenge for the server that was dialled, within 2 minutes either way', () => {
    const c = createChallenge(audience, now);
    expect(() => checkChallengeBeforeSigning(c, audience, now)).not.toThrow();
    expect(() => checkChallengeBeforeSigning(c, audience, new Date(now.getTime() + 120_000))).not.toThrow();
    expect(() => checkChallengeBeforeSigning(c, audience, new Date(now.getTime() - 120_000))).not.toThrow();
  });

  it('refuses a challenge addressed to another server, naming both', () => {
    for (const other of ['ws://10.0.0.6:1234', 'ws://10.0.0.5:1235', 'wss://10.0.0.5:1234', 'ws://10.0.0.5:1234/oa', 'xietong-sync@host']) {
      const err = failure(createChallenge(other, now));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toBe(`服务器返回的登录质询不属于“${audience}”(而是“${other}”),已拒绝签名,请核对服务器地址`);
    }
  });

  it('refuses a challenge issued more than 2 minutes from the client clock (a stale relay or a wrong clock)', () => {
    const err = failure(createChallenge(audience, new Date(now.getTime() - 120_001)));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('与本机时间相差超过 2 分钟');
    expect(failure(createChallenge(audience, new Date(now.getTime() + 10 * 60_000))).message).toContain('与本机时间相差超过 2 分钟');
  });

  it('refuses malformed challenges', () => {
    const good = createChallenge(audience, now);
    const bad: LoginChallenge[] = [
      { ...good, nonce: '' },
      { ...good, audience: '' },
      { ...good, issuedAt: 'yesterday' },
      { ...good, issuedAt: '2026-03-02 09:00:00' },
      { ...good, issuedAt: '2026-13-45T99:00:00Z' },
    ];
    for (const c of bad) {
      const err = failure(c);
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toBe('服务器返回的登录质询格式不正确,已拒绝签名');
    }
  });
});
