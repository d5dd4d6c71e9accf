import type { TrustStore } from '../../core/crypto/x509/chain';
import type { RecordEvent } from '../../core/kernel/event';
import { signatureLabel, verifyRecordEvent, type SignatureStatus } from '../../core/kernel/signature';

/**
 * The one signature check of submitted events: SM2 over the event's canonical signed form, by a
 * certificate chaining to the trusted CA, valid and unrevoked at the event's time, whose subject
 * OU and title attest `by.unit` and `by.role` (core/kernel/README.md, "Signatures").
 */
export function verifyEventSignature(recordId: string, event: RecordEvent, trust: TrustStore): SignatureStatus {
  return verifyRecordEvent(recordId, event, trust);
}

/** Why a signature is not acceptable, in Chinese (签名无效:…), or null when it is valid and by `login`. */
export function signatureRefusal(status: SignatureStatus, login: string): string | null {
  if (status.status !== 'valid') return `${signatureLabel(status)}${status.message ? `:${status.message}` : ''}`;
  if (status.signer !== login) return `签名人(${status.signer ?? ''})不是当前登录用户(${login})`;
  return null;
}
