import fs from 'node:fs';
import path from 'node:path';
import { toHex } from '../../core/crypto/bytes';
import { CryptoError } from '../../core/crypto/errors';
import { randomBytes } from '../../core/crypto/random';
import { createSeal } from '../../core/crypto/seal/seal';
import { pngSize } from '../../core/crypto/seal/png';
import { privateKeyFromBytes } from '../../core/crypto/sm2/keys';
import { sm2SyncSigner } from '../../core/crypto/sm2/signer';
import { applySealSync } from '../../core/crypto/seal/seal';
import { readCaState } from './ca-files';
import { sealMaker, type CaOptions } from './ca';
import { atomicWrite, Keystore } from './keystore';

const DAY = 86_400_000;

export interface CreateSealOptions extends CaOptions {
  unit: string;
  image: Uint8Array;
  /** Holders allowed to apply the seal; default: every user with a current certificate. */
  holders?: string[];
  days: number;
  type?: number;
  sizeMm?: number;
}

/** Holders' current certificates from their key files. */
function holderCertificates(dataDir: string, holders: string[] | undefined): Uint8Array[] {
  const logins = holders ?? [...new Set(readCaState(dataDir).issued.filter((e) => e.role === 'user' && !e.revokedAt).map((e) => e.login))];
  if (logins.length === 0) throw new CryptoError('KEY_NOT_FOUND', '没有可用的用章人证书:请先用 oa cert issue 签发证书,或用 --user 指定');
  const users = Keystore.forDataDir(dataDir);
  return logins.map((login) => {
    const cert = users.list(login, 'SM2').find((k) => k.certificate)?.certificate;
    if (!cert) throw new CryptoError('KEY_NOT_FOUND', `用户 ${login} 没有证书`);
    return cert;
  });
}

/** 制章: a GB/T 38540 SESeal signed by the seal maker, written to `<dataDir>/seals/<esID>.seal`. */
export function createSealFile(o: CreateSealOptions): { file: string; esID: string } {
  pngSize(o.image); // reject non-PNG input before anything is signed
  const now = (o.now ?? Date.now)();
  const maker = sealMaker(o);
  const esID = `XT${new Date(now).toISOString().slice(0, 10).replace(/-/g, '')}${toHex(randomBytes(6)).toUpperCase()}`;
  const size = o.sizeMm ?? 42; // a common 公章 diameter
  const der = createSeal(
    {
      vid: 'xietong',
      esID,
      type: o.type ?? 1,
      name: o.unit,
      signerCerts: holderCertificates(o.dataDir, o.holders),
      createDate: new Date(now),
      validStart: new Date(now - 10 * 60_000),
      validEnd: new Date(now + o.days * DAY),
      picture: { type: 'PNG', data: o.image, widthMm: size, heightMm: size },
    },
    maker.signer,
    maker.certificate.der,
  );
  const file = path.join(o.dataDir, 'seals', `${esID}.seal`);
  atomicWrite(file, der);
  return { file, esID };
}

/** 用印 from the CLI: unlock the holder's key with their PIN and sign SM3(content). */
export function applySealFile(o: { dataDir: string; seal: Uint8Array; login: string; pin: string; content: Uint8Array; propertyInfo: string; now?: () => number }): Uint8Array {
  const users = Keystore.forDataDir(o.dataDir, o.now ? { now: o.now } : {});
  const entry = users.list(o.login, 'SM2').find((k) => k.certificate);
  if (!entry?.certificate) throw new CryptoError('KEY_NOT_FOUND', `用户 ${o.login} 没有证书`);
  const raw = users.unlock(o.login, o.pin, 'SM2').get(entry.keyId);
  if (!raw) throw new CryptoError('KEY_NOT_FOUND', `用户 ${o.login} 没有签名密钥`);
  return applySealSync(o.seal, sm2SyncSigner(privateKeyFromBytes(raw)), entry.certificate, { content: o.content, time: new Date((o.now ?? Date.now)()), propertyInfo: o.propertyInfo });
}

export function readSealFile(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    throw new CryptoError('KEY_NOT_FOUND', `找不到印章文件:${file}`);
  }
}
