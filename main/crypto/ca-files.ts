import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CryptoError } from '../../core/crypto/errors';
import { certificateFromPem, type Certificate } from '../../core/crypto/x509/certificate';
import { crlFromPem } from '../../core/crypto/x509/crl';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { atomicWrite } from './keystore';

/**
 * Where the organisation CA keeps its files, under the profile's data directory:
 *   pki/ca.pem            CA certificate (distributed to every client)
 *   pki/crl.pem           the published CRL, re-signed on every revocation
 *   pki/state.json        issued and revoked serials, CRL number
 *   pki/keys/             CA and seal-maker keys, sealed under the CA PIN
 *   pki/issued/           a copy of every issued certificate
 */
export const pkiPaths = (dataDir: string) => {
  const root = path.join(dataDir, 'pki');
  return {
    root,
    caCert: path.join(root, 'ca.pem'),
    crl: path.join(root, 'crl.pem'),
    state: path.join(root, 'state.json'),
    keys: path.join(root, 'keys'),
    issued: path.join(root, 'issued'),
    sealMakerCert: path.join(root, 'seal-maker.pem'),
  };
};

export const IssuedEntry = z.object({
  serial: z.string().regex(/^[0-9a-f]+$/),
  login: z.string(),
  role: z.enum(['user', 'seal-maker']),
  notAfter: z.string(),
  revokedAt: z.string().optional(),
});
export type IssuedEntry = z.infer<typeof IssuedEntry>;

export const CaState = z.object({
  version: z.literal(1),
  crlNumber: z.number().int().min(0),
  issued: z.array(IssuedEntry),
});
export type CaState = z.infer<typeof CaState>;

export function readCaState(dataDir: string): CaState {
  const file = pkiPaths(dataDir).state;
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CryptoError('KEY_NOT_FOUND', `数据目录中没有组织 CA,请先运行 oa ca init:${dataDir}`);
  }
  try {
    return CaState.parse(JSON.parse(raw));
  } catch (err) {
    throw new CryptoError('KEYSTORE_CORRUPT', `CA 状态文件已损坏,未作任何修改:${file}(${(err as Error).message})`);
  }
}

export function writeCaState(dataDir: string, state: CaState): void {
  atomicWrite(pkiPaths(dataDir).state, JSON.stringify(state, null, 2) + '\n');
}

export function readCaCertificate(dataDir: string): Certificate {
  const file = pkiPaths(dataDir).caCert;
  if (!fs.existsSync(file)) throw new CryptoError('KEY_NOT_FOUND', `数据目录中没有组织 CA,请先运行 oa ca init:${dataDir}`);
  return certificateFromPem(fs.readFileSync(file, 'utf8'));
}

/** The trust store a client in this profile verifies against: the organisation CA and its CRL. */
export function loadTrustStore(dataDir: string): TrustStore {
  const anchors = [readCaCertificate(dataDir)];
  const crlFile = pkiPaths(dataDir).crl;
  const crls = fs.existsSync(crlFile) ? [crlFromPem(fs.readFileSync(crlFile, 'utf8'))] : [];
  return { anchors, crls };
}
