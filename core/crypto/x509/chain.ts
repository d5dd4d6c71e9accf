import { equalBytes } from '../bytes';
import { CryptoError } from '../errors';
import { OID_SM2_WITH_SM3 } from '../sm2/curve';
import { softSm2 } from '../software';
import type { Certificate } from './certificate';
import type { Crl } from './crl';
import { formatName } from './name';

/** What a verifier trusts: the organisation CA(s), optional intermediates, and published CRLs. */
export interface TrustStore {
  anchors: readonly Certificate[];
  intermediates?: readonly Certificate[];
  crls?: readonly Crl[];
  /** Require a CRL from every issuing CA (default true: revocation is checked on every verification). */
  requireCrl?: boolean;
}

const MAX_DEPTH = 4;

/** SM2-with-SM3 signature by `issuer` over the TBS bytes, with the default ID (GM/T 0015). Never throws. */
export function signedBy(tbs: Uint8Array, algorithm: string, signature: Uint8Array, issuer: Certificate): boolean {
  if (algorithm !== OID_SM2_WITH_SM3 || issuer.publicKey.algorithm !== 'SM2') return false;
  return softSm2.verify(issuer.publicKey, tbs, signature);
}

function findIssuer(cert: Certificate, candidates: readonly Certificate[]): Certificate | undefined {
  return candidates.find(
    (c) =>
      equalBytes(c.subject.der, cert.issuer.der) &&
      (!cert.extensions.authorityKeyId || !c.extensions.subjectKeyId || equalBytes(cert.extensions.authorityKeyId, c.extensions.subjectKeyId)) &&
      signedBy(cert.tbs, cert.signatureAlgorithm, cert.signature, c),
  );
}

function checkTime(cert: Certificate, at: Date): void {
  if (at < cert.notBefore) throw new CryptoError('CERT_EXPIRED', `证书尚未生效(${formatName(cert.subject)},生效时间 ${cert.notBefore.toISOString()})`);
  if (at > cert.notAfter) throw new CryptoError('CERT_EXPIRED', `证书已过期(${formatName(cert.subject)},到期时间 ${cert.notAfter.toISOString()})`);
}

function checkRevocation(cert: Certificate, issuer: Certificate, trust: TrustStore, at: Date): void {
  // Only CRLs that the issuer really signed count; a forged CRL can neither revoke nor clear.
  const crls = (trust.crls ?? []).filter((c) => equalBytes(c.issuer.der, issuer.subject.der) && signedBy(c.tbs, c.signatureAlgorithm, c.signature, issuer));
  if (crls.length === 0) {
    if (trust.requireCrl ?? true) throw new CryptoError('CERT_UNTRUSTED', `缺少签发机构的证书吊销列表(${formatName(issuer.subject)})`);
    return;
  }
  for (const crl of crls) {
    const entry = crl.revoked.find((r) => r.serial === cert.serial);
    if (entry && entry.date <= at) throw new CryptoError('CERT_REVOKED', `证书已被吊销(${formatName(cert.subject)},吊销时间 ${entry.date.toISOString()})`);
  }
}

/**
 * Validates a certificate at time `at`: the chain up to a trust anchor (every signature
 * checked), CA constraints, revocation of every non-anchor certificate and validity periods.
 * Returns the chain, leaf first. Throws CERT_INVALID, CERT_UNTRUSTED, CERT_REVOKED or CERT_EXPIRED.
 */
export function validateCertificate(leaf: Certificate, trust: TrustStore, at: Date): Certificate[] {
  const chain: Certificate[] = [leaf];
  const pool = [...trust.anchors, ...(trust.intermediates ?? [])];
  for (let cert = leaf; ; ) {
    if (cert.extensions.unknownCritical.length) throw new CryptoError('CERT_INVALID', `证书含有无法识别的关键扩展:${cert.extensions.unknownCritical.join(', ')}`);
    if (trust.anchors.some((a) => equalBytes(a.der, cert.der))) break;
    if (chain.length > MAX_DEPTH) throw new CryptoError('CERT_UNTRUSTED', '证书链过长');
    const issuer = findIssuer(cert, pool);
    if (!issuer) {
      const known = pool.some((c) => equalBytes(c.subject.der, cert.issuer.der));
      throw new CryptoError(known ? 'CERT_INVALID' : 'CERT_UNTRUSTED', known ? `证书签名无效(${formatName(cert.subject)})` : `证书不是由受信任的机构签发的(${formatName(cert.issuer)})`);
    }
    const bc = issuer.extensions.basicConstraints;
    const ku = issuer.extensions.keyUsage;
    if (!bc?.ca || (ku && !ku.has('keyCertSign'))) throw new CryptoError('CERT_INVALID', `签发者不是 CA 证书(${formatName(issuer.subject)})`);
    if (bc.pathLen !== undefined && chain.length - 1 > bc.pathLen) throw new CryptoError('CERT_INVALID', '证书链超过路径长度限制');
    checkRevocation(cert, issuer, trust, at);
    chain.push(issuer);
    cert = issuer;
  }
  for (const c of chain) checkTime(c, at);
  return chain;
}
