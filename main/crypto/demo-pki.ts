import fs from 'node:fs';
import { CryptoError } from '../../core/crypto/errors';
import { privateKeyFromBytes, type Sm2PrivateKey } from '../../core/crypto/sm2/keys';
import { sm2SyncSigner, type SyncSigner } from '../../core/crypto/sm2/signer';
import { parseCertificate, type Certificate } from '../../core/crypto/x509/certificate';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { DEMO_USERS } from '../../core/supervision/demo-users';
import { certificateIdentity } from '../../core/supervision/signature';
import { initCa, issueUserCertificate, type HolderIdentity } from './ca';
import { loadTrustStore, pkiPaths } from './ca-files';
import { Keystore } from './keystore';

/**
 * The demo PKI of a profile (演示环境). On first use the profile gets its own organisation CA
 * (`<dataDir>/pki`, as `oa ca init` makes it) and every demo user (core/supervision/demo-users.ts)
 * a certificate (CN = login) and an SM2 key in `<dataDir>/keys/<login>.json`, sealed under the
 * **demo PIN `123456`** — a demonstration value, public by design; the CA key uses the same
 * demo PIN. 演示环境自动使用演示PIN解锁: switching identity in the demo session unlocks that
 * user's key with the demo PIN, without asking. A real deployment issues keys with
 * `oa cert issue` under each user's own PIN and unlocks them at login.
 *
 * Demo keys use fewer PBKDF2 iterations (the PIN is public anyway) so the first start stays fast.
 * Logins not in the demo directory get a certificate the first time they act.
 *
 * Certificates attest the holder's unit and 督办 role (subject OU and title): a demo user's come
 * from the demo directory, another login's from the identity it first acts as. A certificate made
 * before they carried these (older demo profiles) is re-issued for the same key on next use.
 *
 * Several demo profiles on one machine (npm run dev:office) can share one PKI directory
 * (`OA_DEMO_PKI_DIR`, see main/supervision/signing.ts) so each trusts the others' signatures.
 */
export const DEMO_PIN = '123456';
export const DEMO_ORGANISATION = '演示单位';
const DEMO_ITERATIONS = 2_000;
const DEMO_DAYS = 3650;

export interface DemoIdentity {
  signer: SyncSigner;
  certificate: Certificate;
}

export class DemoPki {
  private readonly identities = new Map<string, DemoIdentity>();
  private trustCache: { stamp: string; trust: TrustStore } | null = null;

  private constructor(
    readonly dataDir: string,
    private readonly now: () => number,
  ) {}

  /** Opens the profile's demo PKI, creating the CA and the demo users' keys on first start. */
  static open(dataDir: string, now: () => number = Date.now): DemoPki {
    const pki = new DemoPki(dataDir, now);
    if (!fs.existsSync(pkiPaths(dataDir).caCert) && !fs.existsSync(pkiPaths(dataDir).state)) {
      initCa({ dataDir, caPin: DEMO_PIN, organisation: DEMO_ORGANISATION, days: DEMO_DAYS, iterations: DEMO_ITERATIONS, now });
      for (const u of DEMO_USERS) if (!pki.keystore().exists(u.login)) pki.issue(u.login, u);
    }
    return pki;
  }

  private keystore(): Keystore {
    return Keystore.forDataDir(this.dataDir, { iterations: DEMO_ITERATIONS, now: this.now });
  }

  private issue(login: string, holder: HolderIdentity | undefined): void {
    issueUserCertificate({ dataDir: this.dataDir, caPin: DEMO_PIN, login, userPin: DEMO_PIN, days: DEMO_DAYS, iterations: DEMO_ITERATIONS, now: this.now, ...(holder ? { unit: holder.unit, role: holder.role } : {}) });
  }

  /**
   * The signing identity of `login`, unlocked with the demo PIN (issued on first use). `acting`
   * is who the login acts as; it gives the unit and role of a login outside the demo directory.
   */
  identity(login: string, acting?: HolderIdentity): DemoIdentity {
    const directory = DEMO_USERS.find((u) => u.login === login);
    const holder = directory ? { unit: directory.unit, role: directory.role } : acting;
    const cached = this.identities.get(login);
    if (cached && (certificateIdentity(cached.certificate) || !holder)) return cached;
    const ks = this.keystore();
    if (!ks.exists(login)) this.issue(login, holder);
    let entry = ks.list(login, 'SM2').find((k) => k.keyId === 'sign');
    // Demo only (the CA PIN is public): an older certificate without unit and role is re-issued.
    if (entry?.certificate && holder && !certificateIdentity(parseCertificate(entry.certificate))) {
      this.issue(login, holder);
      entry = ks.list(login, 'SM2').find((k) => k.keyId === 'sign');
    }
    if (!entry?.certificate) throw new CryptoError('KEY_NOT_FOUND', `用户 ${login} 没有签名证书`);
    const bytes = ks.unlock(login, DEMO_PIN, 'SM2').get('sign');
    if (!bytes) throw new CryptoError('KEY_NOT_FOUND', `用户 ${login} 没有签名密钥`);
    const identity = { signer: sm2SyncSigner(privateKeyFromBytes(bytes)), certificate: parseCertificate(entry.certificate) };
    this.identities.set(login, identity);
    return identity;
  }

  /**
   * The SM2 key pair of `login` for opening field-encryption envelopes (信访). Demo only: the
   * signing key serves; a real deployment issues a separate encryption certificate per holder.
   */
  keyPair(login: string, acting?: HolderIdentity): { spki: Uint8Array; privateKey: Sm2PrivateKey } {
    const { certificate } = this.identity(login, acting);
    const bytes = this.keystore().unlock(login, DEMO_PIN, 'SM2').get('sign');
    if (!bytes) throw new CryptoError('KEY_NOT_FOUND', `用户 ${login} 没有密钥`);
    return { spki: certificate.publicKey.spki, privateKey: privateKeyFromBytes(bytes) };
  }

  /**
   * The profile's trust: its CA and CRL, re-read when the CRL file changes (so `oa cert revoke`
   * shows at once). The same object is returned while nothing changed, so callers can cache by it.
   */
  trust(): TrustStore {
    const p = pkiPaths(this.dataDir);
    // Files are replaced by rename (atomicWrite): a new inode or mtime means new content.
    const stamp = [p.caCert, p.crl]
      .map((f) => fs.statSync(f, { throwIfNoEntry: false }))
      .map((st) => (st ? `${st.ino}:${st.mtimeMs}:${st.size}` : '-'))
      .join('/');
    if (!this.trustCache || this.trustCache.stamp !== stamp) this.trustCache = { stamp, trust: loadTrustStore(this.dataDir) };
    return this.trustCache.trust;
  }
}
