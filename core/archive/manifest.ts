import { z } from 'zod';
import { concatBytes, fromBase64, toBase64, toHex, utf8Decode, utf8Encode } from '../crypto/bytes';
import { softSm2 } from '../crypto/software';
import { sm3 } from '../crypto/sm3';
import type { SyncSigner } from '../crypto/sm2/signer';
import { parseCertificate, type Certificate } from '../crypto/x509/certificate';
import { validateCertificate, type TrustStore } from '../crypto/x509/chain';
import { formatName } from '../crypto/x509/name';

/**
 * The manifest of an archive package (manifest.json) and its 锁定签名 (manifest.sig, DA/T 48's
 * "lock" signature over the package). The manifest lists every other file with its SM3; the lock
 * signature is SM2 by the exporting archivist over DOMAIN ‖ the manifest's exact bytes, so a
 * changed byte in any file changes its SM3, and a changed manifest breaks the signature.
 */
export const ARCHIVE_FORMAT = 'xietong-archive/1';
export const MANIFEST_FILE = 'manifest.json';
export const LOCK_FILE = 'manifest.sig';
const DOMAIN = 'xietong/archive-manifest/v1\n';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** What each file is, for the verdict lines. */
export const FileRole = z.enum(['pdf', 'metadata', 'package', 'content', 'events', 'signature', 'seal', 'blob', 'certificate', 'crl']);
export type FileRole = z.infer<typeof FileRole>;

export const ManifestEntry = z.object({ path: z.string().min(1).max(400), role: FileRole, sm3: Hex64, size: z.number().int().min(0) });
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const ArchiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  recordId: z.string().min(1),
  kind: z.string().min(1),
  exportedAt: z.string().min(1),
  files: z.array(ManifestEntry),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

export const LockSignature = z.object({
  v: z.literal(1),
  alg: z.literal('SM2-with-SM3'),
  /** SM3 of manifest.json, for people reading the file; the signature is what counts. */
  manifestSm3: Hex64,
  signedAt: z.string().min(1),
  /** The archivist's certificate, base64 DER. */
  certificate: z.string().min(1),
  /** DER SEQUENCE{r,s}, base64. */
  value: z.string().min(1),
});
export type LockSignature = z.infer<typeof LockSignature>;

export const sm3Hex = (bytes: Uint8Array): string => toHex(sm3(bytes));

const lockedBytes = (manifest: Uint8Array): Uint8Array => concatBytes(utf8Encode(DOMAIN), manifest);

export function signManifest(manifest: Uint8Array, signer: SyncSigner, certificate: Certificate, at: Date): LockSignature {
  return {
    v: 1,
    alg: 'SM2-with-SM3',
    manifestSm3: sm3Hex(manifest),
    signedAt: at.toISOString(),
    certificate: toBase64(certificate.der),
    value: toBase64(signer.sign(lockedBytes(manifest))),
  };
}

export type LockVerdict = { ok: true; signer: string } | { ok: false; message: string };

/**
 * Checks the lock signature over the manifest's bytes and the archivist's certificate at the
 * signing time against `trust`. Never throws.
 */
export function verifyManifestLock(manifest: Uint8Array, lockBytes: Uint8Array | undefined, trust: TrustStore): LockVerdict {
  if (!lockBytes) return { ok: false, message: '缺少锁定签名文件' };
  let lock: LockSignature;
  let cert: Certificate;
  try {
    lock = LockSignature.parse(JSON.parse(utf8Decode(lockBytes)));
    cert = parseCertificate(fromBase64(lock.certificate));
  } catch (err) {
    return { ok: false, message: `锁定签名格式不正确:${(err as Error).message.slice(0, 200)}` };
  }
  if (cert.publicKey.algorithm !== 'SM2' || !softSm2.verify(cert.publicKey, lockedBytes(manifest), fromBase64(lock.value))) {
    return { ok: false, message: '锁定签名与清单内容不符(清单或签名已被改动)' };
  }
  const at = new Date(lock.signedAt);
  if (Number.isNaN(at.getTime())) return { ok: false, message: '锁定签名的签名时间无效' };
  try {
    validateCertificate(cert, trust, at);
  } catch (err) {
    return { ok: false, message: `归档签名证书不可信:${(err as Error).message}` };
  }
  return { ok: true, signer: formatName(cert.subject) };
}
