import net from 'node:net';
import { z } from 'zod';
import { toBase64 } from '../../core/crypto/bytes';
import { checkChallengeResponse, createChallenge, type LoginChallenge } from '../../core/crypto/challenge';
import { decodePem } from '../../core/crypto/pem';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { parseServerUrl } from '../../core/sync/server-url';
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

/** What `POST /auth/challenge` answers: a challenge, or why none can be issued. */
export type ChallengeOutcome = { ok: true; challenge: LoginChallenge } | { ok: false; message: string };

export const NO_PUBLIC_URL = '服务器未配置对外地址(--public-url),无法进行证书登录,请联系管理员';

/**
 * The address clients reach a server at when no --public-url is given: ws://host:port of the
 * listening socket, or null when it listens on every interface (its public address is unknown).
 */
export function defaultPublicUrl(host: string, port: number): string | null {
  const h = host.trim();
  if (h === '' || h === '0.0.0.0' || (net.isIPv6(h) && /^[0:]+$/.test(h))) return null;
  const parsed = parseServerUrl(`ws://${net.isIPv6(h) ? `[${h}]` : h}:${port}`);
  return parsed.ok ? parsed.url : null;
}

/**
 * 数字身份 login: `POST /auth/challenge` returns a one-time challenge; `POST /auth/cert-login`
 * with `{challenge, certificate, signature}` (what `answerChallenge` produces, the certificate
 * also accepted as PEM) returns the same token as password login. The certificate must chain to
 * the server's trusted CA, not be revoked or expired, and its subject CN must be a known,
 * enabled user. Each challenge answers once.
 *
 * The challenge's audience is the server's public address (`audience()`: --public-url, or the
 * listening address), which the client compares with the address it dialled before signing: a
 * server relaying another's challenge gets no signature. Without a known address (listening on
 * 0.0.0.0 with no --public-url) no challenge is issued.
 */
export class CertLogin {
  private readonly issued = new Map<string, LoginChallenge>();

  constructor(
    private readonly trust: TrustStore,
    private readonly access: AccessControl,
    /** The server's public address; null until known (or never, see above). */
    private readonly audience: () => string | null,
    private readonly now: () => number = Date.now,
  ) {}

  challenge(): ChallengeOutcome {
    const audience = this.audience();
    if (!audience) return { ok: false, message: NO_PUBLIC_URL };
    const now = this.now();
    for (const [nonce, c] of this.issued) {
      if (now - Date.parse(c.issuedAt) <= CHALLENGE_TTL_MS && this.issued.size < MAX_OUTSTANDING) break;
      this.issued.delete(nonce);
    }
    const c = createChallenge(audience, new Date(now));
    this.issued.set(c.nonce, c);
    return { ok: true, challenge: c };
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
