import type * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64, toHex, utf8Encode } from '../crypto/bytes';
import { canonicalJson } from '../crypto/canonical-json';
import { canonicalEventBytes, contentHash as sm3Hex, verifyEvent, type WorkflowEvent as SignedForm } from '../crypto/events';
import { applySealSync, verifySesSignatureHash } from '../crypto/seal/seal';
import { parseSesSignature } from '../crypto/seal/structures';
import type { SyncSigner } from '../crypto/sm2/signer';
import { parseCertificate, type Certificate } from '../crypto/x509/certificate';
import type { TrustStore } from '../crypto/x509/chain';
import { nameValue } from '../crypto/x509/name';
import { certificateIdentity } from '../kernel/signature';
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
 *   is `record:<encodeURIComponent(recordId)>;event:<sealEventDigest>` — the lowercase hex SM3 of
 *   canonicalJson({id, actor, at, by}) — so the event's own fields are covered by the seal too.
 *   Its signer certificate is what counts: its subject must be `actor` and `certificate` must be
 *   it (base64 DER); `at` must be the SES timeInfo (which keeps whole seconds: at − timeInfo in
 *   [0, 1 s)). `esID` / `unit`, when present, must be the seal's.
 *   Early 用印 events carry the plain `record:<id>` propertyInfo (LEGACY): the seal still covers
 *   the content hash, record, signer and time, but not the event's id / at / by. They verify with
 *   `bound: false`, which the sync server refuses for new events and the panel shows as such.
 *
 * `by` must be what the signer's certificate attests (subject OU = unit, title = role, as for
 * every area's events, core/kernel/signature.ts certificateIdentity): a 签发 needs a certificate
 * naming both (else untrusted, CERT_NO_IDENTITY), a role allowed to 签发 (ISSUER_ROLES, else
 * invalid, NOT_ISSUER) and `by.unit` / `by.role` equal to them (else invalid, IDENTITY_MISMATCH);
 * a 用印's `by.unit` must be the certificate's unit when it names one (IDENTITY_MISMATCH).
 *
 * The verifier checks the signature over the content hash the event records; whether that hash is
 * the record's current content (valid vs stale) is the caller's question.
 */
export const SIGN_EVENT = 'sign';

/** The roles (core/kernel/actor.ts) that may 签发: leaders and the 督查室 (main/signatures mayApply). */
export const ISSUER_ROLES: readonly string[] = ['leader', 'supervisor'];

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

/** The event fields a 用印 binds (what the 签发与用印 panel shows). */
export type SealedEventFields = Pick<WorkflowEvent, 'id' | 'actor' | 'at'> & { by: SignBy };

/** Lowercase hex SM3 of canonicalJson({id, actor, at, by: {name, unit, role}}). */
export function sealEventDigest(e: SealedEventFields): string {
  const by = { name: e.by.name, unit: e.by.unit, role: e.by.role };
  return sm3Hex(utf8Encode(canonicalJson({ id: e.id, actor: e.actor, at: e.at, by })));
}

/** The 原文属性 of an early 用印 on record `recordId`: the record only (LEGACY, not bound to its event). */
export const legacySealPropertyInfo = (recordId: string): string => `record:${encodeURIComponent(recordId)}`;

/** The 原文属性 a 用印 on record `recordId` carries: the record and its own event's fields. */
export const sealPropertyInfo = (recordId: string, e: SealedEventFields): string => `${legacySealPropertyInfo(recordId)};event:${sealEventDigest(e)}`;

/** 签章时间 (GeneralizedTime) keeps whole seconds: the event's `at` may only add the milliseconds. */
const SEAL_TIME_SLACK_MS = 1000;

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
    const propertyInfo = sealPropertyInfo(recordId, { ...event, by: o.by });
    const ses = applySealSync(o.seal.der, o.signer, o.certificate, { content: bytes, time: o.at, propertyInfo });
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
 *   `bound`: the event's id, at and by are covered too (always for 签发; false for a LEGACY 用印,
 *   whose `time` — the seal's timeInfo — and `unit` are then what the seal attests);
 * - invalid: MALFORMED (not a sign event, payload or signature does not parse), BAD_SIGNATURE
 *   (also: a 用印 whose event id / at / by were changed after sealing), ACTOR_MISMATCH (the
 *   certificate names someone else), CERT_MISMATCH (a 用印's `certificate` is not its signer's),
 *   WRONG_RECORD (a seal applied to another record), BAD_SEAL, SIGNER_NOT_HOLDER, SEAL_EXPIRED,
 *   IDENTITY_MISMATCH (`by` is not what the certificate attests), NOT_ISSUER (a 签发 by a
 *   certificate whose role may not 签发);
 * - untrusted: the certificate is revoked / expired / not from a trusted CA at the signing time
 *   (`code` CERT_REVOKED, CERT_EXPIRED, CERT_UNTRUSTED, CERT_INVALID…), or a 签发 certificate
 *   that names no unit and role (CERT_NO_IDENTITY).
 */
export type SignEventVerdict =
  | { status: 'valid'; kind: SignKind; signer: string; contentHash: string; event: WorkflowEvent; payload: SignPayload; bound: boolean; time: string; unit?: string; esID?: string }
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
        return issuerAttested(p.by, v.certificate) ?? { status: 'valid', kind: p.kind, signer: v.signer, contentHash: p.contentHash, event: e, payload: p, bound: true, time: e.at };
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
  const signerCert = parseCertificate(ses.signerCert);
  const cn = nameValue(signerCert.subject, 'CN');
  if (cn !== e.actor) return invalid('ACTOR_MISMATCH', `用章人(${cn ?? '未知'})不是事件的操作人(${e.actor})`);
  if (toHex(ses.dataHash) !== p.contentHash) return invalid('BAD_SIGNATURE', '签章的数据摘要与记录的内容摘要不符');
  const bound = ses.propertyInfo === sealPropertyInfo(recordId, { id: e.id, actor: e.actor, at: e.at, by: p.by });
  if (!bound && ses.propertyInfo !== legacySealPropertyInfo(recordId)) {
    return ses.propertyInfo.startsWith(`${legacySealPropertyInfo(recordId)};`)
      ? invalid('BAD_SIGNATURE', '事件的编号、时间或签章人信息与签章不符(签章后被改动)')
      : invalid('WRONG_RECORD', '该签章属于另一份文件');
  }
  // The panel shows the event's certificate and time: they must be the seal's.
  if (p.certificate !== toBase64(ses.signerCert)) return invalid('CERT_MISMATCH', '事件所附证书不是签章人的证书');
  const skew = Date.parse(e.at) - ses.timeInfo.getTime();
  if (!(skew >= 0 && skew < SEAL_TIME_SLACK_MS)) return invalid('BAD_SIGNATURE', '事件时间与签章时间不符');
  if (p.unit !== undefined && p.unit !== check.unit) return invalid('BAD_SIGNATURE', '印章单位与记录不符');
  if (p.esID !== undefined && p.esID !== check.esID) return invalid('BAD_SIGNATURE', '印章编码与记录不符');
  // Any unit member may 用印 (the seal's holder list decides), so only the unit is held to the certificate.
  const certUnit = nameValue(signerCert.subject, 'OU');
  if (certUnit !== undefined && p.by.unit !== certUnit) return invalid('IDENTITY_MISMATCH', `签章人所称单位(${p.by.unit || '无单位'})与证书载明的单位(${certUnit})不符`);
  return { status: 'valid', kind: p.kind, signer: check.signer, contentHash: p.contentHash, event: e, payload: p, bound, time: ses.timeInfo.toISOString(), unit: check.unit, esID: check.esID };
}

/**
 * Why a 签发's `by` is not what its certificate attests, or null when it is. The role is what
 * decides who may 签发, so it must be certified, not claimed (exact strings, as for 督办 events).
 */
function issuerAttested(by: SignBy, certificate: Certificate): SignEventVerdict | null {
  const holder = certificateIdentity(certificate);
  if (!holder) return { status: 'untrusted', code: 'CERT_NO_IDENTITY', message: '签名证书未载明持有人的单位或职务,不能用于签发' };
  if (by.unit !== holder.unit || by.role !== holder.role) {
    return invalid('IDENTITY_MISMATCH', `签章人所称身份(${by.unit || '无单位'}/${by.role})与证书载明的身份(${holder.unit}/${holder.role})不符`);
  }
  if (!ISSUER_ROLES.includes(holder.role)) return invalid('NOT_ISSUER', `只有领导或督查室可以签发(证书载明的职务:${holder.role})`);
  return null;
}
