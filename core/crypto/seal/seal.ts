import { equalBytes } from '../bytes';
import { CryptoError } from '../errors';
import type { CryptoProvider, KeyHandle } from '../provider';
import { OID_SM2_WITH_SM3 } from '../sm2/curve';
import type { SyncSigner } from '../sm2/signer';
import { sm3 } from '../sm3';
import { softSm2 } from '../software';
import { parseCertificate, type Certificate } from '../x509/certificate';
import { validateCertificate, type TrustStore } from '../x509/chain';
import { nameValue } from '../x509/name';
import { assembleSeal, assembleSesSignature, encodeSealInfo, encodeTbsSign, parseSesSignature, sealToBeSigned, type ParsedSesSignature, type SealInfo } from './structures';

/** The seal maker (制章人) signs the seal information with their certificate. */
export function createSeal(info: SealInfo, maker: SyncSigner, makerCert: Uint8Array): Uint8Array {
  const sealInfo = encodeSealInfo(info);
  return assembleSeal(sealInfo, makerCert, maker.sign(sealToBeSigned(sealInfo, makerCert)));
}

export interface ApplyOptions {
  /** The protected bytes: the document's canonical content (fields, body, attachment hashes). */
  content: Uint8Array;
  time: Date;
  /** 原文属性 (ASCII), e.g. the record id the seal was applied to. */
  propertyInfo: string;
}

/** 用印 through a provider: SES_Signature over SM3(content), signed with the holder's key handle. */
export async function applySeal(seal: Uint8Array, provider: CryptoProvider, key: KeyHandle, o: ApplyOptions): Promise<Uint8Array> {
  if (!key.certificate) throw new CryptoError('KEY_NOT_FOUND', '用章人的密钥没有证书');
  const tbs = encodeTbsSign({ seal, timeInfo: o.time, dataHash: sm3(o.content), propertyInfo: o.propertyInfo });
  return assembleSesSignature(tbs, key.certificate, await provider.sign(key, tbs));
}

/** The same with a synchronous signer (the administrator's CLI). */
export function applySealSync(seal: Uint8Array, signer: SyncSigner, signerCert: Uint8Array, o: ApplyOptions): Uint8Array {
  const tbs = encodeTbsSign({ seal, timeInfo: o.time, dataHash: sm3(o.content), propertyInfo: o.propertyInfo });
  return assembleSesSignature(tbs, signerCert, signer.sign(tbs));
}

export type SealCheck =
  | { valid: true; signer: string; unit: string; esID: string; time: Date; parsed: ParsedSesSignature }
  | { valid: false; code: 'MALFORMED' | 'DATA_CHANGED' | 'BAD_SIGNATURE' | 'SIGNER_NOT_HOLDER' | 'BAD_SEAL' | 'SEAL_EXPIRED' | 'CERT'; message: string; certCode?: string };

const fail = (code: Exclude<SealCheck, { valid: true }>['code'], message: string, certCode?: string): SealCheck => ({ valid: false, code, message, ...(certCode ? { certCode } : {}) });

/**
 * Verifies a SES_Signature over `content`: the data hash, the signer's signature over
 * TBS_Sign, that the signer is a holder listed in the seal, the seal maker's signature, the
 * seal's validity at signing time, and both certificates against the trust store (chain,
 * validity at signing time, revocation). Never throws.
 */
export function verifySesSignature(signature: Uint8Array, content: Uint8Array, trust: TrustStore): SealCheck {
  return verifySesSignatureHash(signature, sm3(content), trust);
}

/**
 * The same with the SM3 hash of the content instead of the content. Passing the signature's own
 * dataHash checks everything but the data: how a signature is told apart as "valid but over an
 * earlier version" (main/signatures). Never throws.
 */
export function verifySesSignatureHash(signature: Uint8Array, dataHash: Uint8Array, trust: TrustStore): SealCheck {
  let s: ParsedSesSignature;
  let signerCert: Certificate;
  let makerCert: Certificate;
  try {
    s = parseSesSignature(signature);
    signerCert = parseCertificate(s.signerCert);
    makerCert = parseCertificate(s.seal.makerCert);
  } catch (err) {
    return fail('MALFORMED', `电子签章数据格式不正确:${(err as Error).message}`);
  }
  if (!equalBytes(s.dataHash, dataHash)) return fail('DATA_CHANGED', '签章后的内容已被修改,签章不再覆盖当前版本');
  const sigOk = s.signatureAlgID === OID_SM2_WITH_SM3 && signerCert.publicKey.algorithm === 'SM2' && softSm2.verify(signerCert.publicKey, s.tbsDer, s.signature);
  if (!sigOk) return fail('BAD_SIGNATURE', '签章签名值无效');
  if (!s.seal.info.signerCerts.some((c) => equalBytes(c, s.signerCert))) return fail('SIGNER_NOT_HOLDER', '签章人不是该印章的授权用章人');
  const sealOk =
    s.seal.signAlgID === OID_SM2_WITH_SM3 && makerCert.publicKey.algorithm === 'SM2' && softSm2.verify(makerCert.publicKey, sealToBeSigned(s.seal.sealInfoDer, s.seal.makerCert), s.seal.signedValue);
  if (!sealOk) return fail('BAD_SEAL', '电子印章的制章签名无效');
  if (s.timeInfo < s.seal.info.validStart || s.timeInfo > s.seal.info.validEnd) return fail('SEAL_EXPIRED', '签章时电子印章不在有效期内');
  try {
    validateCertificate(makerCert, trust, s.timeInfo);
    validateCertificate(signerCert, trust, s.timeInfo);
  } catch (err) {
    if (err instanceof CryptoError) return fail('CERT', err.message, err.code);
    return fail('CERT', String(err));
  }
  return { valid: true, signer: nameValue(signerCert.subject, 'CN') ?? '', unit: s.seal.info.name, esID: s.seal.info.esID, time: s.timeInfo, parsed: s };
}
