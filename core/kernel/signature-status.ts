import { z } from 'zod';

/**
 * What the history shows for each event's signature (kept apart from signature.ts so the
 * renderer gets the schema and labels without the crypto code).
 * - valid: signed by `signer`, certificate trusted at the event's time;
 * - missing: no signature (made before signing existed, or by a tool without keys);
 * - system: a system import (`system:*`), unsigned by design (系统导入);
 * - invalid: the signature does not match the event (code BAD_SIGNATURE), names another user
 *   (ACTOR_MISMATCH), claims a unit or role the certificate does not attest (IDENTITY_MISMATCH)
 *   or does not parse (MALFORMED);
 * - untrusted: the certificate is revoked (CERT_REVOKED), expired (CERT_EXPIRED), not issued
 *   by a trusted CA (CERT_UNTRUSTED, CERT_INVALID) or names no unit and role (CERT_NO_IDENTITY).
 */
export const SignatureStatus = z.object({
  status: z.enum(['valid', 'missing', 'invalid', 'untrusted', 'system']),
  /** Certificate subject (login) of a valid signature. */
  signer: z.string().optional(),
  /** Error code: BAD_SIGNATURE, ACTOR_MISMATCH, IDENTITY_MISMATCH, MALFORMED, CERT_REVOKED, CERT_EXPIRED, CERT_UNTRUSTED, CERT_NO_IDENTITY… */
  code: z.string().optional(),
  message: z.string().optional(),
});
export type SignatureStatus = z.infer<typeof SignatureStatus>;

/** One line for the history view: 签名有效(dcs.lin)、未签名、签名无效、证书已吊销… */
export function signatureLabel(s: SignatureStatus): string {
  switch (s.status) {
    case 'valid':
      return `签名有效(${s.signer ?? ''})`;
    case 'missing':
      return '未签名';
    case 'system':
      return '系统导入';
    case 'invalid':
      if (s.code === 'ACTOR_MISMATCH') return '签名无效(冒用他人名义)';
      if (s.code === 'IDENTITY_MISMATCH') return '签名无效(身份与证书不符)';
      return '签名无效';
    case 'untrusted':
      if (s.code === 'CERT_REVOKED') return '证书已吊销';
      if (s.code === 'CERT_EXPIRED') return '证书已过期或未生效';
      if (s.code === 'CERT_NO_IDENTITY') return '证书未载明单位或职务';
      return '证书不受信任';
  }
}
