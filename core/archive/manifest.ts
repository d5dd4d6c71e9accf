import { z } from 'zod';
import { concatBytes, equalBytes, fromBase64, toBase64, toHex, utf8Decode, utf8Encode } from '../crypto/bytes';
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

/** What the archivist signs: the domain, the signing time and the manifest's exact bytes. */
const lockedBytes = (manifest: Uint8Array, signedAt: string): Uint8Array => concatBytes(utf8Encode(`${DOMAIN}${signedAt}\n`), manifest);

/** manifest.sig as written: pretty JSON, keys in this order, one trailing newline (verify insists on these exact bytes). */
export const lockFileBytes = (lock: LockSignature): Uint8Array =>
  utf8Encode(JSON.stringify({ v: lock.v, alg: lock.alg, manifestSm3: lock.manifestSm3, signedAt: lock.signedAt, certificate: lock.certificate, value: lock.value }, null, 2) + '\n');

export function signManifest(manifest: Uint8Array, signer: SyncSigner, certificate: Certificate, at: Date): LockSignature {
  const signedAt = at.toISOString();
  return {
    v: 1,
    alg: 'SM2-with-SM3',
    manifestSm3: sm3Hex(manifest),
    signedAt,
    certificate: toBase64(certificate.der),
    value: toBase64(signer.sign(lockedBytes(manifest, signedAt))),
  };
}

export type LockCheck =
  | { ok: true; certificate: Certificate; at: Date }
  | { ok: false; file: typeof MANIFEST_FILE | typeof LOCK_FILE; message: string };

/**
 * The lock signature over the manifest, without trust: the signature must hold over the manifest's
 * bytes and the signing time, and manifest.sig must be exactly as written. When it fails, the file
 * named is the one that changed: the manifest when its SM3 is no longer the one the lock records.
 * Never throws.
 */
export function checkManifestLock(manifest: Uint8Array, lockBytes: Uint8Array | undefined): LockCheck {
  if (!lockBytes) return { ok: false, file: LOCK_FILE, message: '缺少锁定签名文件' };
  let lock: LockSignature;
  let cert: Certificate;
  try {
    lock = LockSignature.parse(JSON.parse(utf8Decode(lockBytes)));
    cert = parseCertificate(fromBase64(lock.certificate));
  } catch (err) {
    return { ok: false, file: LOCK_FILE, message: `锁定签名格式不正确:${(err as Error).message.slice(0, 200)}` };
  }
  const at = new Date(lock.signedAt);
  const intact = cert.publicKey.algorithm === 'SM2' && softSm2.verify(cert.publicKey, lockedBytes(manifest, lock.signedAt), fromBase64(lock.value));
  if (!intact) {
    return sm3Hex(manifest) !== lock.manifestSm3
      ? { ok: false, file: MANIFEST_FILE, message: '清单已被改动,与锁定签名不符' }
      : { ok: false, file: LOCK_FILE, message: '锁定签名无效(签名已被改动)' };
  }
  if (sm3Hex(manifest) !== lock.manifestSm3 || !equalBytes(lockBytes, lockFileBytes(lock)) || Number.isNaN(at.getTime())) {
    return { ok: false, file: LOCK_FILE, message: '锁定签名文件已被改动' };
  }
  return { ok: true, certificate: cert, at };
}

/** Whether the archivist's certificate was trusted when the package was sealed. Null when it was. */
export function lockTrustProblem(check: { certificate: Certificate; at: Date }, trust: TrustStore): string | null {
  try {
    validateCertificate(check.certificate, trust, check.at);
    return null;
  } catch (err) {
    return `归档人证书不可信:${(err as Error).message}`;
  }
}

export const lockSigner = (cert: Certificate): string => formatName(cert.subject);
