import fs from 'node:fs';
import path from 'node:path';
import { CryptoError } from '../../core/crypto/errors';
import { checkPin } from '../../core/crypto/pin-seal';
import { generatePrivateKey, privateKeyFromBytes, privateKeyToBytes } from '../../core/crypto/sm2/keys';
import { encodeSpki } from '../../core/crypto/sm2/pkcs';
import { sm2SyncSigner, type SyncSigner } from '../../core/crypto/sm2/signer';
import { assembleSigned, certificateToPem, parseCertificate, type Certificate } from '../../core/crypto/x509/certificate';
import { buildTbsCrl, crlToPem } from '../../core/crypto/x509/crl';
import { caTbs, keyIdentifier, leafTbs } from '../../core/crypto/x509/issue';
import { nameValue, type NameKey } from '../../core/crypto/x509/name';
import { Role } from '../../core/supervision/actor';
import { pkiPaths, readCaCertificate, readCaState, writeCaState, type CaState } from './ca-files';
import { atomicWrite, Keystore } from './keystore';

const DAY = 86_400_000;
/** Certificates start a little in the past so a client whose clock is behind still accepts them. */
const BACKDATE = 10 * 60_000;
/** CRLs are re-signed on each revocation; clients keep using a stale one rather than failing open. */
const CRL_LIFETIME = 7 * DAY;

export interface CaOptions {
  dataDir: string;
  caPin: string;
  now?: () => number;
  /** PBKDF2 iterations for keys created now (tests lower it). */
  iterations?: number;
}

const caKeystore = (o: CaOptions) => new Keystore({ dir: pkiPaths(o.dataDir).keys, ...(o.now ? { now: o.now } : {}), ...(o.iterations ? { iterations: o.iterations } : {}) });

/** Creates the organisation CA (self-signed) and the seal-maker certificate, and publishes an empty CRL. */
export function initCa(o: CaOptions & { organisation: string; days: number }): Certificate {
  const paths = pkiPaths(o.dataDir);
  if (fs.existsSync(paths.caCert) || fs.existsSync(paths.state)) throw new CryptoError('BAD_INPUT', `此数据目录已有组织 CA:${paths.caCert}`);
  const now = (o.now ?? Date.now)();
  const ks = caKeystore(o);
  const caKey = generatePrivateKey();
  const signer = sm2SyncSigner(caKey);
  const tbs = caTbs([['C', 'CN'], ['O', o.organisation], ['CN', `${o.organisation} 协同办公 CA`]], signer.spki, { notBefore: new Date(now - BACKDATE), notAfter: new Date(now + o.days * DAY) });
  const ca = parseCertificate(assembleSigned(tbs, signer.sign(tbs)));
  ks.addKey('ca', o.caPin, { keyId: 'ca', algorithm: 'SM2', usage: ['sign'], privateKey: privateKeyToBytes(caKey), spki: signer.spki, certificate: ca.der, label: '组织 CA' });
  atomicWrite(paths.caCert, certificateToPem(ca.der));
  const state: CaState = { version: 1, crlNumber: 0, issued: [] };
  // The seal maker (制章人) signs SESeal structures; its key is held with the CA's, under the CA PIN.
  const makerKey = generatePrivateKey();
  const maker = issue(ca, signer, state, 'seal-maker', 'seal-maker', encodeSpki(makerKey.pub), [['O', o.organisation], ['CN', `${o.organisation} 电子印章制作`]], now, o.days);
  ks.addKey('seal-maker', o.caPin, { keyId: 'seal', algorithm: 'SM2', usage: ['sign'], privateKey: privateKeyToBytes(makerKey), spki: encodeSpki(makerKey.pub), certificate: maker.der, label: '电子印章制作' });
  atomicWrite(paths.sealMakerCert, certificateToPem(maker.der));
  publishCrl(o.dataDir, ca, signer, state, now);
  return ca;
}

function issue(ca: Certificate, signer: SyncSigner, state: CaState, login: string, role: 'user' | 'seal-maker', spki: Uint8Array, subject: Parameters<typeof leafTbs>[1], now: number, days: number): Certificate {
  const tbs = leafTbs(ca, subject, spki, { notBefore: new Date(now - BACKDATE), notAfter: new Date(now + days * DAY) });
  const cert = parseCertificate(assembleSigned(tbs, signer.sign(tbs)));
  state.issued.push({ serial: cert.serialHex, login, role, notAfter: cert.notAfter.toISOString() });
  return cert;
}

function unlockSigner(o: CaOptions, login: 'ca' | 'seal-maker'): SyncSigner {
  const keys = caKeystore(o).unlock(login, o.caPin, 'SM2');
  const bytes = keys.values().next().value;
  if (!bytes) throw new CryptoError('KEY_NOT_FOUND', `找不到 ${login} 密钥`);
  return sm2SyncSigner(privateKeyFromBytes(bytes));
}

/** The seal maker's signer and certificate (for `oa seal create`). */
export function sealMaker(o: CaOptions): { signer: SyncSigner; certificate: Certificate } {
  const [entry] = caKeystore(o).list('seal-maker');
  if (!entry?.certificate) throw new CryptoError('KEY_NOT_FOUND', '找不到电子印章制作证书');
  return { signer: unlockSigner(o, 'seal-maker'), certificate: parseCertificate(entry.certificate) };
}

/** What a user certificate attests besides the login: the unit (subject OU) and 督办 role (subject title). */
export interface HolderIdentity {
  unit: string;
  role: Role;
}

/** Checks the unit and role before anything is written; both or neither. */
function holderParts(o: { unit?: string | undefined; role?: string | undefined }): Array<[NameKey, string]> {
  if (o.unit === undefined && o.role === undefined) return [];
  if (o.unit === undefined || o.role === undefined) throw new CryptoError('BAD_INPUT', '单位和职务须同时载明(--unit 与 --role)');
  if (!o.unit.trim() || o.unit.length > 100) throw new CryptoError('BAD_INPUT', `单位名称须为 1 至 100 个字符:${o.unit}`);
  const role = Role.safeParse(o.role);
  if (!role.success) throw new CryptoError('BAD_INPUT', `职务须为 ${Role.options.join('、')} 之一:${o.role}`);
  return [['OU', o.unit], ['title', role.data]];
}

/**
 * Issues a certificate to a user, creating the user's SM2 key (sealed under the user's PIN)
 * if they have none yet; an existing key is re-certified without needing its PIN. With `unit`
 * and `role` the certificate attests them (needed to sign 督办 events, core/supervision/signature.ts).
 */
export function issueUserCertificate(o: CaOptions & { login: string; userPin?: string; days: number; unit?: string; role?: string }): Certificate {
  const holder = holderParts(o);
  const users = Keystore.forDataDir(o.dataDir, { ...(o.now ? { now: o.now } : {}), ...(o.iterations ? { iterations: o.iterations } : {}) });
  const now = (o.now ?? Date.now)();
  const existing = users.exists(o.login) ? users.list(o.login, 'SM2').find((k) => k.keyId === 'sign') : undefined;
  const key = existing ? undefined : generatePrivateKey();
  const spki = existing ? existing.spki : encodeSpki(key!.pub);
  // Check the new user's PIN before unlocking the CA key, so a bad PIN costs nothing.
  if (!existing) {
    if (!o.userPin) throw new CryptoError('BAD_INPUT', '为新用户创建密钥需要 PIN 码(--pin 或环境变量 OA_PIN)');
    checkPin(o.userPin);
  }
  const ca = readCaCertificate(o.dataDir);
  const state = readCaState(o.dataDir);
  const signer = unlockSigner(o, 'ca');
  const organisation = nameValue(ca.subject, 'O') ?? '';
  const cert = issue(ca, signer, state, o.login, 'user', spki, [['O', organisation], ...holder, ['CN', o.login]], now, o.days);
  if (key) users.addKey(o.login, o.userPin!, { keyId: 'sign', algorithm: 'SM2', usage: ['sign', 'decrypt'], privateKey: privateKeyToBytes(key), spki, certificate: cert.der, label: o.login });
  else users.setCertificate(o.login, 'sign', cert.der);
  atomicWrite(path.join(pkiPaths(o.dataDir).issued, `${o.login.replace(/[^A-Za-z0-9._-]/g, '_')}-${cert.serialHex}.pem`), certificateToPem(cert.der));
  writeCaState(o.dataDir, state);
  return cert;
}

/** Revokes every unrevoked certificate of a user and publishes a new CRL. Returns the revoked serials. */
export function revokeUser(o: CaOptions & { login: string }): string[] {
  const ca = readCaCertificate(o.dataDir);
  const state = readCaState(o.dataDir);
  const signer = unlockSigner(o, 'ca');
  const now = (o.now ?? Date.now)();
  const entries = state.issued.filter((e) => e.login === o.login && e.role === 'user' && !e.revokedAt);
  if (entries.length === 0) throw new CryptoError('KEY_NOT_FOUND', `用户 ${o.login} 没有可吊销的证书`);
  for (const e of entries) e.revokedAt = new Date(now).toISOString();
  publishCrl(o.dataDir, ca, signer, state, now);
  return entries.map((e) => e.serial);
}

function publishCrl(dataDir: string, ca: Certificate, signer: SyncSigner, state: CaState, now: number): void {
  state.crlNumber += 1;
  const revoked = state.issued.filter((e) => e.revokedAt).map((e) => ({ serial: BigInt('0x' + e.serial), date: new Date(e.revokedAt!) }));
  const tbs = buildTbsCrl({ issuer: ca.subject.der, thisUpdate: new Date(now), nextUpdate: new Date(now + CRL_LIFETIME), revoked, crlNumber: BigInt(state.crlNumber), authorityKeyId: keyIdentifier(ca.publicKey.spki) });
  // State first: if we crash between the two writes, re-running revoke republishes the same entries.
  writeCaState(dataDir, state);
  atomicWrite(pkiPaths(dataDir).crl, crlToPem(assembleSigned(tbs, signer.sign(tbs))));
}
