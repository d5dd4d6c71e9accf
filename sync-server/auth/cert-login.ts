import os from 'node:os';
import { z } from 'zod';
import { toBase64 } from '../../core/crypto/bytes';
import { checkChallengeResponse, createChallenge, type LoginChallenge } from '../../core/crypto/challenge';
import { decodePem } from '../../core/crypto/pem';
import type { TrustStore } from '../../core/crypto/x509/chain';
import type { AccessControl } from './access';
import { LoginRefused, type LoginMethod } from './login';

/** Unanswered challenges older than this are forgotten (checkChallengeResponse refuses them too). */
const CHALLENGE_TTL_MS = 120_000;
const MAX_OUTSTANDING = 10_000;

const Body = z.object({
  challenge: z.object({ audience: z.string().max(200), nonce: z.string().max(100), issuedAt: z.string().max(40) }),
  /** The user's certificate: PEM, or base64 DER. */
  certificate: z.string().min(1).max(8000),
  /** base64 DER SM2 signature over the challenge (core/crypto/challenge.ts answerChallenge). */
  signature: z.string().min(1).max(400),
});

/**
 * 数字身份 login: `POST /auth/challenge` returns a one-time challenge; `POST /auth/cert-login`
 * with `{challenge, certificate, signature}` (what `answerChallenge` produces, the certificate
 * also accepted as PEM) returns the same token as password login. The certificate must chain to
 * the server's trusted CA, not be revoked or expired, and its subject CN must be a known,
 * enabled user. Each challenge answers once.
 */
export class CertLogin {
  private readonly issued = new Map<string, LoginChallenge>();
  readonly audience = `xietong-sync@${os.hostname()}`;

  constructor(
    private readonly trust: TrustStore,
    private readonly access: AccessControl,
    private readonly now: () => number = Date.now,
  ) {}

  challenge(): LoginChallenge {
    const now = this.now();
    for (const [nonce, c] of this.issued) {
      if (now - Date.parse(c.issuedAt) <= CHALLENGE_TTL_MS && this.issued.size < MAX_OUTSTANDING) break;
      this.issued.delete(nonce);
    }
    const c = createChallenge(this.audience, new Date(now));
    this.issued.set(c.nonce, c);
    return c;
  }

  readonly login: LoginMethod = async (body) => {
    const parsed = Body.safeParse(body);
    if (!parsed.success) return null;
    const issued = this.issued.get(parsed.data.challenge.nonce);
    if (!issued) throw new LoginRefused('登录质询无效或已使用,请重新登录');
    this.issued.delete(issued.nonce);
    let certificate = parsed.data.certificate;
    let login: string;
    try {
      if (certificate.includes('-----BEGIN')) certificate = toBase64(decodePem(certificate, ['CERTIFICATE']).der);
      login = checkChallengeResponse(issued, { ...parsed.data, certificate }, this.trust, new Date(this.now()), CHALLENGE_TTL_MS);
    } catch (err) {
      // The signature is checked before the certificate, so the reason goes only to the key's holder.
      throw new LoginRefused(err instanceof Error ? err.message : '证书登录失败');
    }
    const user = this.access.currentUser(login);
    if (!user) throw new LoginRefused(`证书用户 ${login} 未在同步服务器登记或已停用`);
    return user.login;
  };
}
