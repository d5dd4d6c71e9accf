import { fromBase64, toBase64, utf8Encode } from './bytes';
import { canonicalJson } from './canonical-json';
import { CryptoError } from './errors';
import type { CryptoProvider, KeyHandle } from './provider';
import { randomBytes } from './random';
import { softSm2 } from './software';
import { parseCertificate } from './x509/certificate';
import { validateCertificate, type TrustStore } from './x509/chain';
import { nameValue } from './x509/name';

/**
 * 数字身份 login, the pure part: the server issues a challenge, the client signs it with the
 * user's key, the server checks the signature and the certificate and learns the login from
 * the certificate subject. Transport and session handling belong to the sync server.
 */
export interface LoginChallenge {
  /** Identifies the server, so a signature for one server is useless at another. */
  audience: string;
  nonce: string;
  issuedAt: string;
}

export interface LoginResponse {
  challenge: LoginChallenge;
  certificate: string;
  signature: string;
}

const DOMAIN = 'xietong/cert-login/v1\n';
const bytesOf = (c: LoginChallenge): Uint8Array => utf8Encode(DOMAIN + canonicalJson({ audience: c.audience, nonce: c.nonce, issuedAt: c.issuedAt }));

export function createChallenge(audience: string, now: Date = new Date()): LoginChallenge {
  return { audience, nonce: toBase64(randomBytes(32)), issuedAt: now.toISOString() };
}

/** How far a challenge's issuedAt may be from the client's clock (the server's lifetime of a challenge). */
export const CHALLENGE_SKEW_MS = 120_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/**
 * Client side, before the key is unlocked: sign only a challenge addressed to the server the
 * user chose (`audience`, the canonical server address, core/sync/server-url.ts) and issued
 * within `maxSkewMs` of the client's clock. Otherwise a rogue or mistyped server could relay the
 * real server's challenge and log in there with the signature. Throws CryptoError BAD_INPUT.
 */
export function checkChallengeBeforeSigning(challenge: LoginChallenge, audience: string, now: Date, maxSkewMs = CHALLENGE_SKEW_MS): void {
  const issuedAt = ISO_INSTANT.test(challenge.issuedAt) ? Date.parse(challenge.issuedAt) : NaN;
  if (!challenge.nonce || !challenge.audience || !Number.isFinite(issuedAt)) throw new CryptoError('BAD_INPUT', '服务器返回的登录质询格式不正确,已拒绝签名');
  if (challenge.audience !== audience) {
    throw new CryptoError('BAD_INPUT', `服务器返回的登录质询不属于“${audience}”(而是“${challenge.audience.slice(0, 200)}”),已拒绝签名,请核对服务器地址`);
  }
  if (Math.abs(now.getTime() - issuedAt) > maxSkewMs) {
    throw new CryptoError('BAD_INPUT', `登录质询的签发时间(${challenge.issuedAt})与本机时间相差超过 ${Math.round(maxSkewMs / 60_000)} 分钟,已拒绝签名,请核对本机时间或服务器地址`);
  }
}

export async function answerChallenge(provider: CryptoProvider, key: KeyHandle, challenge: LoginChallenge): Promise<LoginResponse> {
  if (!key.certificate) throw new CryptoError('KEY_NOT_FOUND', '登录密钥没有证书');
  return { challenge, certificate: toBase64(key.certificate), signature: toBase64(await provider.sign(key, bytesOf(challenge))) };
}

/**
 * Server side: the response must answer exactly the challenge the server issued (the caller
 * keeps it and forgets it after one use), within maxAgeMs, with a valid certificate.
 * Returns the login (certificate CN); throws CryptoError otherwise.
 */
export function checkChallengeResponse(issued: LoginChallenge, response: LoginResponse, trust: TrustStore, now: Date = new Date(), maxAgeMs = 120_000): string {
  const c = response.challenge;
  if (c.audience !== issued.audience || c.nonce !== issued.nonce || c.issuedAt !== issued.issuedAt) throw new CryptoError('BAD_INPUT', '登录应答与质询不符');
  if (now.getTime() - new Date(issued.issuedAt).getTime() > maxAgeMs) throw new CryptoError('BAD_INPUT', '登录质询已过期,请重试');
  const cert = parseCertificate(fromBase64(response.certificate));
  let sig: Uint8Array;
  try {
    sig = fromBase64(response.signature);
  } catch {
    throw new CryptoError('BAD_INPUT', '登录签名格式不正确');
  }
  if (cert.publicKey.algorithm !== 'SM2' || !softSm2.verify(cert.publicKey, bytesOf(issued), sig)) throw new CryptoError('BAD_INPUT', '登录签名无效');
  validateCertificate(cert, trust, now);
  const login = nameValue(cert.subject, 'CN');
  if (!login) throw new CryptoError('CERT_INVALID', '证书没有用户名(CN)');
  return login;
}
