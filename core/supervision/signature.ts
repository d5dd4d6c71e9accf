import type * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64, utf8Encode } from '../crypto/bytes';
import { canonicalJson, type JsonValue } from '../crypto/canonical-json';
import { canonicalEventBytes, contentHash, verifyEvent, type EventVerdict, type WorkflowEvent as SignedWorkflowEvent } from '../crypto/events';
import type { SyncSigner } from '../crypto/sm2/signer';
import type { Certificate } from '../crypto/x509/certificate';
import type { TrustStore } from '../crypto/x509/chain';
import { bodyText, eventsOf, fieldsOf } from '../records/record-doc';
import type { SupervisionEvent } from './events';
import type { SignatureStatus } from './signature-status';

export { SignatureStatus, signatureLabel } from './signature-status';

/**
 * Signed 督办 events (pure: runs in main, the renderer and the sync server).
 *
 * The actor signs, with SM2 (core/crypto/events.ts `canonicalEventBytes`), the canonical JSON of
 *   {recordId, type, actor, time: event.at, contentHash,
 *    payload: {id, basis, by, payload}}
 * so the event id, its basis (the linear order), the actor as they acted (`by`: name, unit,
 * role) and the payload are all covered. `sig` (outside the signed part) holds the envelope
 * below as a JSON string: algorithm, the signer's certificate, the signature, and the
 * `contentHash` it was made over.
 *
 * contentHash of a supervision record (before the event is appended) = lowercase hex SM3 of
 *   canonicalJson({fields: the record's fields map (JSON; numbers that are not safe integers as
 *   strings), body: bodyText(doc), events: [ids of the events already in the log, in order]})
 * It attests the version the actor acted on. Verifiers check the signature over the recorded
 * hash; they do not recompute it (fields such as updatedAt legitimately change afterwards).
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

/** Events of system imports carry no signature by design; they are shown as 系统导入. */
export const isSystemActor = (login: string): boolean => login.startsWith('system:');


/** JSON as Yjs stores it, with anything canonical JSON refuses (floats, −0) turned into strings. */
function plainJson(value: unknown): JsonValue {
  const v: unknown = JSON.parse(JSON.stringify(value ?? null));
  const fix = (x: unknown): JsonValue => {
    if (typeof x === 'number') return Number.isSafeInteger(x) && !Object.is(x, -0) ? x : String(x);
    if (Array.isArray(x)) return x.map(fix);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, fix(y)]));
    return x as JsonValue;
  };
  return fix(v);
}

/** The content hash of a record as it is now (call it before appending the event). */
export function recordContentHash(doc: Y.Doc): string {
  const events = eventsOf(doc)
    .toArray()
    .map((e) => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : ''));
  return contentHash(utf8Encode(canonicalJson({ fields: plainJson(fieldsOf(doc).toJSON()), body: bodyText(doc), events })));
}

/** The crypto-level event that is signed for a supervision event. */
export function signedForm(recordId: string, event: SupervisionEvent, hash: string): SignedWorkflowEvent {
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
export function signSupervisionEvent(recordId: string, event: SupervisionEvent, hash: string, signer: SyncSigner, certificate: Certificate): string {
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
 * Verifies one event of record `recordId`; never throws. Without a trust store (no CA in this
 * profile) a signature that checks out mathematically is still `untrusted` (CERT_UNTRUSTED).
 */
export function verifySupervisionEvent(recordId: string, event: SupervisionEvent, trust: TrustStore | null, at?: Date): SignatureStatus {
  if (!event.sig) return isSystemActor(event.actor) ? { status: 'system', message: '系统导入,无需签名' } : { status: 'missing', message: '此事件没有签名' };
  let envelope: SigEnvelope;
  let form: SignedWorkflowEvent;
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
  return statusOf(verdict);
}
