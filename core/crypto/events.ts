import { z } from 'zod';
import { fromBase64, toBase64, toHex, utf8Encode } from './bytes';
import { canonicalJson, type JsonValue } from './canonical-json';
import { CryptoError } from './errors';
import type { CryptoProvider, KeyHandle } from './provider';
import { sm3 } from './sm3';
import { softSm2 } from './software';
import { parseCertificate, type Certificate } from './x509/certificate';
import { validateCertificate, type TrustStore } from './x509/chain';
import { nameValue } from './x509/name';

/**
 * Signed workflow events (签发, 核稿, 批办, 办结, 答复 …). The actor signs a canonical encoding
 * of the event — record id, type, payload, actor, time and the SM3 hash of the record content
 * the event acted on — so a later change to the content, or an event replayed onto another
 * record, no longer matches its signature.
 */
export const WorkflowEvent = z.object({
  recordId: z.string().min(1),
  type: z.string().min(1),
  payload: z.custom<JsonValue>(() => true),
  actor: z.string().min(1),
  /** ISO 8601 UTC with milliseconds, as Date.prototype.toISOString writes it. */
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  /** Lowercase hex SM3 of the record content acted on (see contentHash). */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;

export const EventSignature = z.object({
  algorithm: z.literal('SM2-with-SM3'),
  /** Signer's X.509 certificate, base64 DER. */
  certificate: z.string(),
  /** DER SEQUENCE{r,s}, base64. */
  value: z.string(),
});
export type EventSignature = z.infer<typeof EventSignature>;

export interface SignedEvent {
  event: WorkflowEvent;
  signature?: EventSignature;
}

/** Domain separation: these bytes can never be mistaken for a login challenge or a document. */
const DOMAIN = 'xietong/workflow-event/v1\n';

export const contentHash = (content: Uint8Array): string => toHex(sm3(content));

export function canonicalEventBytes(event: WorkflowEvent): Uint8Array {
  const e = WorkflowEvent.parse(event);
  return utf8Encode(DOMAIN + canonicalJson({ recordId: e.recordId, type: e.type, payload: e.payload, actor: e.actor, time: e.time, contentHash: e.contentHash }));
}

/** Signs an event with the actor's key handle. The handle's certificate must name the actor. */
export async function signEvent(provider: CryptoProvider, key: KeyHandle, event: WorkflowEvent): Promise<SignedEvent> {
  if (!key.certificate) throw new CryptoError('KEY_NOT_FOUND', '签名密钥没有证书');
  const cn = nameValue(parseCertificate(key.certificate).subject, 'CN');
  if (cn !== event.actor) throw new CryptoError('BAD_INPUT', `不能以他人(${event.actor})的名义签名:证书属于 ${cn ?? '未知'}`);
  const value = await provider.sign(key, canonicalEventBytes(event));
  return { event, signature: { algorithm: 'SM2-with-SM3', certificate: toBase64(key.certificate), value: toBase64(value) } };
}

export type EventVerdict =
  | { status: 'valid'; signer: string; certificate: Certificate }
  | { status: 'missing'; message: string }
  | { status: 'invalid'; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'ACTOR_MISMATCH'; message: string }
  | { status: 'untrusted'; code: string; message: string };

/**
 * Verifies a signed event; never throws, so a history view can show every event with its
 * verdict. The certificate is checked against the trust store at the event's time (or `at`);
 * its subject must be the event's actor.
 */
export function verifyEvent(signed: SignedEvent, trust: TrustStore, at?: Date): EventVerdict {
  if (!signed.signature) return { status: 'missing', message: '此事件没有签名' };
  let bytes: Uint8Array;
  let cert: Certificate;
  let sig: Uint8Array;
  try {
    const s = EventSignature.parse(signed.signature);
    bytes = canonicalEventBytes(signed.event);
    cert = parseCertificate(fromBase64(s.certificate));
    sig = fromBase64(s.value);
  } catch (err) {
    return { status: 'invalid', reason: 'MALFORMED', message: `签名数据格式不正确:${(err as Error).message}` };
  }
  const signer = nameValue(cert.subject, 'CN') ?? '';
  if (signer !== signed.event.actor) return { status: 'invalid', reason: 'ACTOR_MISMATCH', message: `签名人(${signer})不是事件的操作人(${signed.event.actor})` };
  if (cert.publicKey.algorithm !== 'SM2' || !softSm2.verify(cert.publicKey, bytes, sig)) return { status: 'invalid', reason: 'BAD_SIGNATURE', message: '签名无效:事件内容与签名不符' };
  try {
    validateCertificate(cert, trust, at ?? new Date(signed.event.time));
  } catch (err) {
    const e = err instanceof CryptoError ? err : new CryptoError('CERT_INVALID', String(err));
    return { status: 'untrusted', code: e.code, message: e.message };
  }
  return { status: 'valid', signer, certificate: cert };
}
