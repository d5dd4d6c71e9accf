import type * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64, toHex } from '../crypto/bytes';
import { canonicalEventBytes, contentHash as sm3Hex, verifyEvent, type WorkflowEvent as SignedForm } from '../crypto/events';
import { applySealSync, verifySesSignatureHash } from '../crypto/seal/seal';
import { parseSesSignature } from '../crypto/seal/structures';
import type { SyncSigner } from '../crypto/sm2/signer';
import { parseCertificate } from '../crypto/x509/certificate';
import type { TrustStore } from '../crypto/x509/chain';
import { nameValue } from '../crypto/x509/name';
import { contentBytes } from './content-hash';
import { WorkflowEvent } from './record-doc';

/**
 * 签发 and 用印 record events (core/crypto/README.md, "Document signature and seal"): their
 * shape, what a 签发 signs, and the one verifier used by main/signatures (the 签发与用印 panel)
 * and by the sync server (sync-server/signed-events.ts). Pure: runs in every process.
 *
 * A record event `{id, type: 'sign', actor, at, basis, payload: {kind, contentHash, signature,
 * certificate, by: {name, unit, role}, esID?, unit?}}`:
 * - 签发: `signature` = base64 DER SM2 by `actor`'s key over canonicalEventBytes({recordId,
 *   type: 'sign', actor, time: at, contentHash, payload: {id, kind, by}}); `certificate` is the
 *   signer's (base64 DER). `esID` / `unit` are not covered by that signature and must be absent.
 * - 用印: `signature` = base64 DER GB/T 38540 SES_Signature whose dataHash is `contentHash`
 *   (SM3 of the record's canonical content, core/records/content-hash.ts) and whose propertyInfo
 *   is `record:<encodeURIComponent(recordId)>`; its signer certificate (not `certificate`) is
 *   what counts, and its subject must be `actor`. `esID` / `unit`, when present, must be the
 *   seal's.
 *
 * The verifier checks the signature over the content hash the event records; whether that hash is
 * the record's current content (valid vs stale) is the caller's question.
 */
export const SIGN_EVENT = 'sign';

export const SignKind = z.enum(['签发', '用印']);
export type SignKind = z.infer<typeof SignKind>;

export const SignBy = z.object({ name: z.string(), unit: z.string(), role: z.string() });
export type SignBy = z.infer<typeof SignBy>;

export const SignPayload = z.object({
  kind: SignKind,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1),
  certificate: z.string().min(1),
  by: SignBy,
  esID: z.string().optional(),
  unit: z.string().optional(),
});
export type SignPayload = z.infer<typeof SignPayload>;

/** The 原文属性 a 用印 on record `recordId` carries. */
export const sealPropertyInfo = (recordId: string): string => `record:${encodeURIComponent(recordId)}`;

/** The crypto-level event a 签发 signs (for signing and for verifying). */
export function issueSignedForm(recordId: string, e: Pick<WorkflowEvent, 'id' | 'actor' | 'at'>, p: Pick<SignPayload, 'kind' | 'contentHash' | 'by'>): SignedForm {
  return { recordId, type: SIGN_EVENT, actor: e.actor, time: e.at, contentHash: p.contentHash, payload: { id: e.id, kind: p.kind, by: p.by } };
}

export interface SignEventInput {
  kind: SignKind;
  /** The event's id, actor (login), time and basis (the last event the actor had seen). */
  eventId: string;
  actor: string;
  at: Date;
  basis: string | null;
  by: SignBy;
  /** The actor's key (synchronous: unlocked in this process) and certificate (DER). */
  signer: SyncSigner;
  certificate: Uint8Array;
  /** 用印: the seal applied (DER SESeal, listing the actor's certificate) and its esID and unit. */
  seal?: { der: Uint8Array; esID: string; unit: string };
}

/**
 * The 签发 / 用印 event over `doc`'s content as it is now. Call it inside the change that appends
 * the event, so the signature covers exactly the version it is appended to.
 */
export function createSignEvent(recordId: string, doc: Y.Doc, o: SignEventInput): WorkflowEvent {
  const bytes = contentBytes(doc);
  const hash = sm3Hex(bytes);
  const event = { id: o.eventId, type: SIGN_EVENT, actor: o.actor, at: o.at.toISOString(), basis: o.basis };
  const certificate = toBase64(o.certificate);
  let payload: SignPayload;
  if (o.kind === '用印') {
    if (!o.seal) throw new Error('用印需要印章');
    const ses = applySealSync(o.seal.der, o.signer, o.certificate, { content: bytes, time: o.at, propertyInfo: sealPropertyInfo(recordId) });
    payload = { kind: o.kind, contentHash: hash, signature: toBase64(ses), certificate, by: o.by, esID: o.seal.esID, unit: o.seal.unit };
  } else {
    const value = o.signer.sign(canonicalEventBytes(issueSignedForm(recordId, event, { kind: o.kind, contentHash: hash, by: o.by })));
    payload = { kind: o.kind, contentHash: hash, signature: toBase64(value), certificate, by: o.by };
  }
  return { ...event, payload };
}

/**
 * - valid: the signature checks out over `contentHash`, by `signer` (the certificate subject CN,
 *   = the event's actor), with a certificate (and for 用印 a seal maker) trusted at the signing time;
 * - invalid: MALFORMED (not a sign event, payload or signature does not parse), BAD_SIGNATURE,
 *   ACTOR_MISMATCH (the certificate names someone else), WRONG_RECORD (a seal applied to another
 *   record), BAD_SEAL, SIGNER_NOT_HOLDER, SEAL_EXPIRED;
 * - untrusted: the certificate is revoked / expired / not from a trusted CA at the signing time
 *   (`code` CERT_REVOKED, CERT_EXPIRED, CERT_UNTRUSTED, CERT_INVALID…).
 */
export type SignEventVerdict =
  | { status: 'valid'; kind: SignKind; signer: string; contentHash: string; event: WorkflowEvent; payload: SignPayload; unit?: string; esID?: string }
  | { status: 'invalid'; code: string; message: string }
  | { status: 'untrusted'; code: string; message: string };

const invalid = (code: string, message: string): SignEventVerdict => ({ status: 'invalid', code, message });

/**
 * Verifies one raw entry of record `recordId`'s events log as a 签发 / 用印 event. Never throws.
 * Without a trust store every signature is at best `untrusted` (CERT_UNTRUSTED).
 */
export function verifyRecordSignEvent(recordId: string, raw: unknown, trust: TrustStore | null): SignEventVerdict {
  try {
    return verdictOf(recordId, raw, trust ?? { anchors: [] });
  } catch (err) {
    return invalid('MALFORMED', `签章数据格式不正确:${err instanceof Error ? err.message : String(err)}`);
  }
}

function verdictOf(recordId: string, raw: unknown, trust: TrustStore): SignEventVerdict {
  const parsedEvent = WorkflowEvent.safeParse(raw);
  if (!parsedEvent.success) return invalid('MALFORMED', '事件格式不正确');
  const e = parsedEvent.data;
  if (e.type !== SIGN_EVENT) return invalid('MALFORMED', `不是签发或用印事件(${e.type})`);
  const parsed = SignPayload.safeParse(e.payload);
  if (!parsed.success) return invalid('MALFORMED', '签章数据格式不正确');
  const p = parsed.data;
  if (p.kind === '签发') {
    if (p.esID !== undefined || p.unit !== undefined) return invalid('MALFORMED', '签发事件不应带印章信息(不在签名范围内)');
    const v = verifyEvent({ event: issueSignedForm(recordId, e, p), signature: { algorithm: 'SM2-with-SM3', certificate: p.certificate, value: p.signature } }, trust);
    switch (v.status) {
      case 'valid':
        return { status: 'valid', kind: p.kind, signer: v.signer, contentHash: p.contentHash, event: e, payload: p };
      case 'invalid':
        return invalid(v.reason, v.message);
      case 'untrusted':
        return { status: 'untrusted', code: v.code, message: v.message };
      case 'missing':
        return invalid('MALFORMED', '签名缺失');
    }
  }
  const der = fromBase64(p.signature);
  const ses = parseSesSignature(der);
  // Everything but the data: is this a good seal over the hash it names?
  const check = verifySesSignatureHash(der, ses.dataHash, trust);
  if (!check.valid) return check.code === 'CERT' ? { status: 'untrusted', code: check.certCode ?? 'CERT_INVALID', message: check.message } : invalid(check.code, check.message);
  const cn = nameValue(parseCertificate(ses.signerCert).subject, 'CN');
  if (cn !== e.actor) return invalid('ACTOR_MISMATCH', `用章人(${cn ?? '未知'})不是事件的操作人(${e.actor})`);
  if (toHex(ses.dataHash) !== p.contentHash) return invalid('BAD_SIGNATURE', '签章的数据摘要与记录的内容摘要不符');
  if (ses.propertyInfo !== sealPropertyInfo(recordId)) return invalid('WRONG_RECORD', '该签章属于另一份文件');
  if (p.unit !== undefined && p.unit !== check.unit) return invalid('BAD_SIGNATURE', '印章单位与记录不符');
  if (p.esID !== undefined && p.esID !== check.esID) return invalid('BAD_SIGNATURE', '印章编码与记录不符');
  return { status: 'valid', kind: p.kind, signer: check.signer, contentHash: p.contentHash, event: e, payload: p, unit: check.unit, esID: check.esID };
}
