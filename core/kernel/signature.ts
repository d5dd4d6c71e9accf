import { z } from 'zod';
import { fromBase64, toBase64, utf8Encode } from '../crypto/bytes';
import { canonicalJson, type JsonValue } from '../crypto/canonical-json';
import { canonicalEventBytes, contentHash, verifyEvent, type EventVerdict, type WorkflowEvent as SignedForm } from '../crypto/events';
import type { SyncSigner } from '../crypto/sm2/signer';
import type { Certificate } from '../crypto/x509/certificate';
import type { TrustStore } from '../crypto/x509/chain';
import { nameValue } from '../crypto/x509/name';
import { isSystemActor, Role } from './actor';
import type { RecordEvent } from './event';
import type { SignatureStatus } from './signature-status';

export { isSystemActor } from './actor';
export { SignatureStatus, signatureLabel } from './signature-status';

/**
 * The one signed-event path of every area (pure: main, the renderer and the sync server).
 *
 * The actor signs, with SM2 (core/crypto/events.ts `canonicalEventBytes`), the canonical JSON of
 *   {recordId, type, actor, time: event.at, contentHash,
 *    payload: {id, basis, by, payload}}
 * so the event id, its basis (the linear order), the actor as they acted (`by`: name, unit,
 * role) and the payload are all covered. `sig` (outside the signed part) holds the envelope
 * below as a JSON string. These are exactly the bytes 督办 events were signed with before the
 * kernel, so every event signed then still verifies.
 *
 * contentHash = lowercase hex SM3 of canonicalJson({fields: the record's fields (JSON; numbers
 * that are not safe integers as strings), body: its text, events: [ids of the events the actor
 * saw, in order]}). It attests the version the actor acted on. Verifiers check the signature
 * over the recorded hash; they do not recompute it (fields legitimately change afterwards).
 *
 * The reducers decide permissions from `by`, so the certificate must attest it: subject OU
 * (2.5.4.11) = unit, title (2.5.4.12) = role. A signature whose `by.unit` / `by.role` differ
 * (exact strings) is invalid (IDENTITY_MISMATCH); a certificate without them (older or
 * OpenSSL-issued) cannot sign workflow events (untrusted, CERT_NO_IDENTITY).
 */
export const SigEnvelope = z.object({
  v: z.literal(1),
  alg: z.literal('SM2-with-SM3'),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Signer's certificate, base64 DER. */
  certificate: z.string().min(1),
  /** DER SEQUENCE{r,s}, base64. */
  value: z.string().min(1),
});
export type SigEnvelope = z.infer<typeof SigEnvelope>;

/** JSON as stored, with anything canonical JSON refuses (floats, −0) turned into strings. */
export function plainJson(value: unknown): JsonValue {
  const v: unknown = JSON.parse(JSON.stringify(value ?? null));
  const fix = (x: unknown): JsonValue => {
    if (typeof x === 'number') return Number.isSafeInteger(x) && !Object.is(x, -0) ? x : String(x);
    if (Array.isArray(x)) return x.map(fix);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, fix(y)]));
    return x as JsonValue;
  };
  return fix(v);
}

/** The content hash of a record as the actor saw it: its fields (JSON), body text and event ids. */
export function recordContentHash(fields: unknown, bodyText: string, eventIds: readonly string[]): string {
  return contentHash(utf8Encode(canonicalJson({ fields: plainJson(fields), body: bodyText, events: [...eventIds] })));
}

/** The crypto-level event that is signed for a record event. */
export function signedForm(recordId: string, event: RecordEvent, hash: string): SignedForm {
  return {
    recordId,
    type: event.type,
    actor: event.actor,
    time: event.at,
    contentHash: hash,
    payload: plainJson({ id: event.id, basis: event.basis, by: event.by ?? null, payload: event.payload }),
  };
}

/** Signs synchronously (the key is unlocked in this process) and returns the `sig` string. */
export function signRecordEvent(recordId: string, event: RecordEvent, hash: string, signer: SyncSigner, certificate: Certificate): string {
  const value = signer.sign(canonicalEventBytes(signedForm(recordId, event, hash)));
  const envelope: SigEnvelope = { v: 1, alg: 'SM2-with-SM3', contentHash: hash, certificate: toBase64(certificate.der), value: toBase64(value) };
  return JSON.stringify(envelope);
}

function statusOf(v: EventVerdict): SignatureStatus {
  switch (v.status) {
    case 'valid':
      return { status: 'valid', signer: v.signer };
    case 'missing':
      return { status: 'missing', message: v.message };
    case 'invalid':
      return { status: 'invalid', code: v.reason, message: v.message };
    case 'untrusted':
      return { status: 'untrusted', code: v.code, message: v.message };
  }
}

/**
 * Verifies one event of record `recordId`; never throws. System actors (`system:*`) are unsigned
 * by design. Without a trust store (no CA in this profile) a signature that checks out
 * mathematically is still `untrusted` (CERT_UNTRUSTED).
 */
export function verifyRecordEvent(recordId: string, event: RecordEvent, trust: TrustStore | null, at?: Date): SignatureStatus {
  if (!event.sig) return isSystemActor(event.actor) ? { status: 'system', message: '系统导入,无需签名' } : { status: 'missing', message: '此事件没有签名' };
  let envelope: SigEnvelope;
  let form: SignedForm;
  try {
    envelope = SigEnvelope.parse(JSON.parse(event.sig));
    form = signedForm(recordId, event, envelope.contentHash);
    fromBase64(envelope.value);
  } catch (err) {
    return { status: 'invalid', code: 'MALFORMED', message: `签名数据格式不正确:${(err as Error).message}` };
  }
  const verdict = verifyEvent(
    { event: form, signature: { algorithm: 'SM2-with-SM3', certificate: envelope.certificate, value: envelope.value } },
    trust ?? { anchors: [] },
    at,
  );
  if (verdict.status !== 'valid') return statusOf(verdict);
  return attested(event, verdict.certificate) ?? statusOf(verdict);
}

/** The unit and role the certificate attests (subject OU and title), or undefined for a certificate without them. */
export function certificateIdentity(certificate: Certificate): { unit: string; role: Role } | undefined {
  const unit = nameValue(certificate.subject, 'OU');
  const role = Role.safeParse(nameValue(certificate.subject, 'title'));
  return unit && role.success ? { unit, role: role.data } : undefined;
}

/** Why `by` is not what the certificate attests, or null when it is. */
function attested(event: RecordEvent, certificate: Certificate): SignatureStatus | null {
  const holder = certificateIdentity(certificate);
  if (!holder) return { status: 'untrusted', code: 'CERT_NO_IDENTITY', message: '签名证书未载明持有人的单位和职务,不能用于签署办理事项' };
  const by = event.by;
  // Exact strings: the reducers compare units as exact strings too, so no normalising here.
  if (!by || by.unit !== holder.unit || by.role !== holder.role) {
    const claimed = by ? `${by.unit || '无单位'}/${by.role}` : '未载明';
    return { status: 'invalid', code: 'IDENTITY_MISMATCH', message: `事件所称身份(${claimed})与证书载明的身份(${holder.unit}/${holder.role})不符` };
  }
  return null;
}
