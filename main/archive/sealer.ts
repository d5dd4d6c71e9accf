import type { ArchiveSealer } from '../../core/archive/build';
import { privateKeyFromBytes } from '../../core/crypto/sm2/keys';
import { sm2SyncSigner } from '../../core/crypto/sm2/signer';
import { parseCertificate } from '../../core/crypto/x509/certificate';
import { CryptoError } from '../../core/crypto/errors';
import { DemoPki } from '../crypto/demo-pki';
import { Keystore } from '../crypto/keystore';

/**
 * The archivist who seals a package (the 锁定签名): `login`'s signing key in the profile's key
 * store, unlocked with `pin`; without a PIN, the demo profile's key (演示环境, demo PIN), as the
 * app itself signs until login exists. The PKI lives where the app's does (OA_DEMO_PKI_DIR or the
 * profile).
 */
export function archiveSealer(o: { pkiDir: string; login: string; pin?: string; now: () => number }): ArchiveSealer {
  const at = new Date(o.now());
  if (!o.pin) {
    const { signer, certificate } = DemoPki.open(o.pkiDir, o.now).identity(o.login);
    return { signer, certificate, at };
  }
  const keys = Keystore.forDataDir(o.pkiDir, { now: o.now });
  const entry = keys.list(o.login, 'SM2').find((k) => k.certificate);
  if (!entry?.certificate) throw new CryptoError('KEY_NOT_FOUND', `用户 ${o.login} 没有证书,不能为归档封装包签名`);
  const raw = keys.unlock(o.login, o.pin, 'SM2').get(entry.keyId);
  if (!raw) throw new CryptoError('KEY_NOT_FOUND', `用户 ${o.login} 没有签名密钥`);
  return { signer: sm2SyncSigner(privateKeyFromBytes(raw)), certificate: parseCertificate(entry.certificate), at };
}
