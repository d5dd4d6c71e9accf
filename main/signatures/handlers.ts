import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64, toHex } from '../../core/crypto/bytes';
import { canonicalEventBytes, verifyEvent, type WorkflowEvent as SignedForm } from '../../core/crypto/events';
import { applySealSync, verifySesSignatureHash } from '../../core/crypto/seal/seal';
import { parseSesSignature } from '../../core/crypto/seal/structures';
import { parseCertificate } from '../../core/crypto/x509/certificate';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { nameValue } from '../../core/crypto/x509/name';
import type { Handlers } from '../../core/ipc/dispatch';
import type { SignatureEntry, SignatureKind, SignatureList } from '../../core/ipc/signatures';
import { contentBytes, contentHash } from '../../core/records/content-hash';
import { appendEvent, readEvents, type WorkflowEvent } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Actor } from '../../core/supervision/actor';
import { DemoPki } from '../crypto/demo-pki';
import type { Store } from '../store/store';
import { demoUnitSeal } from './demo-seals';

/**
 * 签发 and 用印 on a record (core/crypto/README.md, "Document signature and seal").
 *
 * Both append a record event `{type: 'sign', payload: {kind, contentHash, signature, certificate,
 * by, …}}` (the events log is append-only) signed over the record's canonical content hash
 * (core/records/content-hash.ts):
 * - 签发: SM2 by the current identity's key over canonicalEventBytes({recordId, type: 'sign',
 *   actor, time, contentHash, payload: {id, kind, by}}) — `signature` is DER base64;
 * - 用印: a GB/T 38540 SES_Signature (base64 DER) over SM3(content bytes), with the seal of the
 *   current identity's unit (demo-seals.ts), propertyInfo `record:<id>`.
 *
 * Who may: 签发 — the leader and supervisor roles; 用印 — any member of a unit (an identity with
 * a unit) applies that unit's seal, and only that one. 督办 records are refused: their event log
 * has its own schema (signed 督办 events, main/supervision/signing.ts).
 */
export interface SignatureContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  /** Where the demo PKI lives (the profile, or OA_DEMO_PKI_DIR as main/supervision/signing.ts). */
  pkiDir: string;
}

export const SIGN_EVENT = 'sign';
const SIGNER_ROLES: readonly string[] = ['leader', 'supervisor'];

const By = z.object({ name: z.string(), unit: z.string(), role: z.string() });
const SignPayload = z.object({
  kind: z.enum(['签发', '用印']),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1),
  certificate: z.string().min(1),
  by: By,
  esID: z.string().optional(),
  unit: z.string().optional(),
});
type SignPayload = z.infer<typeof SignPayload>;

export function mayApply(actor: Actor, kind: SignatureKind): boolean {
  return kind === '签发' ? SIGNER_ROLES.includes(actor.role) : actor.unit.trim() !== '';
}

const propertyInfo = (recordId: string): string => `record:${encodeURIComponent(recordId)}`;

/** The crypto-level event a 签发 signs. */
function signedForm(recordId: string, e: WorkflowEvent, p: Pick<SignPayload, 'kind' | 'contentHash' | 'by'>): SignedForm {
  return { recordId, type: SIGN_EVENT, actor: e.actor, time: e.at, contentHash: p.contentHash, payload: { id: e.id, kind: p.kind, by: p.by } };
}

type Verdict = Pick<SignatureEntry, 'status' | 'code' | 'message'>;
const COVERED: Verdict = { status: 'valid', message: '签名有效,覆盖当前版本' };
const STALE: Verdict = { status: 'stale', code: 'CONTENT_CHANGED', message: '内容已变更,签章不再覆盖当前版本' };

/** Verifies one 签发 / 用印 event against the current content hash; never throws. */
export function verifySignEvent(recordId: string, e: WorkflowEvent, current: string, trust: TrustStore | null): SignatureEntry {
  const raw = e.payload as Record<string, unknown>;
  const kind = raw.kind === '用印' ? '用印' : '签发';
  const base = {
    eventId: e.id,
    kind,
    signer: e.actor,
    signerName: typeof (raw.by as { name?: unknown } | undefined)?.name === 'string' ? (raw.by as { name: string }).name : e.actor,
    unit: typeof raw.unit === 'string' ? raw.unit : typeof (raw.by as { unit?: unknown } | undefined)?.unit === 'string' ? (raw.by as { unit: string }).unit : '',
    time: e.at,
    contentHash: typeof raw.contentHash === 'string' ? raw.contentHash : '',
    ...(typeof raw.esID === 'string' ? { esID: raw.esID } : {}),
  } satisfies Omit<SignatureEntry, 'status' | 'message'>;
  return { ...base, ...verdictOf(recordId, e, current, trust ?? { anchors: [] }) };
}

function verdictOf(recordId: string, e: WorkflowEvent, current: string, trust: TrustStore): Verdict {
  const parsed = SignPayload.safeParse(e.payload);
  if (!parsed.success) return { status: 'invalid', code: 'MALFORMED', message: '签章数据格式不正确' };
  const p = parsed.data;
  try {
    if (p.kind === '签发') {
      const v = verifyEvent({ event: signedForm(recordId, e, p), signature: { algorithm: 'SM2-with-SM3', certificate: p.certificate, value: p.signature } }, trust);
      if (v.status === 'invalid') return { status: 'invalid', code: v.reason, message: v.message };
      if (v.status === 'untrusted') return { status: 'untrusted', code: v.code, message: v.message };
      if (v.status !== 'valid') return { status: 'invalid', code: 'MALFORMED', message: '签名缺失' };
    } else {
      const der = fromBase64(p.signature);
      const ses = parseSesSignature(der);
      // Everything but the data: is this a good seal over the hash it names?
      const check = verifySesSignatureHash(der, ses.dataHash, trust);
      if (!check.valid) return check.code === 'CERT' ? { status: 'untrusted', code: check.certCode ?? 'CERT_INVALID', message: check.message } : { status: 'invalid', code: check.code, message: check.message };
      const cn = nameValue(parseCertificate(ses.signerCert).subject, 'CN');
      if (cn !== e.actor) return { status: 'invalid', code: 'ACTOR_MISMATCH', message: `用章人(${cn ?? '未知'})不是事件的操作人(${e.actor})` };
      if (toHex(ses.dataHash) !== p.contentHash) return { status: 'invalid', code: 'BAD_SIGNATURE', message: '签章的数据摘要与记录的内容摘要不符' };
      if (ses.propertyInfo !== propertyInfo(recordId)) return { status: 'invalid', code: 'WRONG_RECORD', message: '该签章属于另一份文件' };
      if (p.unit !== undefined && p.unit !== check.unit) return { status: 'invalid', code: 'BAD_SIGNATURE', message: '印章单位与记录不符' };
    }
  } catch (err) {
    return { status: 'invalid', code: 'MALFORMED', message: `签章数据格式不正确:${(err as Error).message}` };
  }
  return p.contentHash === current ? COVERED : STALE;
}

function signEvents(doc: Y.Doc): WorkflowEvent[] {
  return readEvents(doc).events.filter((e) => e.type === SIGN_EVENT);
}

export function signatureHandlers(ctx: SignatureContext): Handlers['signatures'] {
  let pki: DemoPki | null = null;
  const open = () => (pki ??= DemoPki.open(ctx.pkiDir, () => ctx.now().getTime()));
  const trust = (): TrustStore | null => {
    try {
      return open().trust();
    } catch {
      return null;
    }
  };
  const docOf = (id: string): Y.Doc => {
    const kind = ctx.store.kindOf(id);
    if (!kind) throw new AppError('NOT_FOUND', `记录不存在:${id}`);
    if (kind === 'supervision') throw new AppError('BAD_INPUT', '督办事项的签名见其办理记录,不在此签发或用印');
    return ctx.store.getDoc(id);
  };
  const list = (id: string): SignatureList => {
    const doc = docOf(id);
    const current = contentHash(doc);
    const t = trust();
    const actor = ctx.actor();
    return {
      contentHash: current,
      entries: signEvents(doc).map((e) => verifySignEvent(id, e, current, t)),
      can: { 签发: mayApply(actor, '签发'), 用印: mayApply(actor, '用印') },
    };
  };
  return {
    list: ({ id }) => list(id),
    sign: ({ id, kind }) => {
      docOf(id);
      const actor = ctx.actor();
      if (!mayApply(actor, kind)) {
        throw new AppError('BAD_INPUT', kind === '签发' ? '只有领导或督查室可以签发' : '没有所属单位的身份不能用印');
      }
      const at = ctx.now();
      const identity = open().identity(actor.login);
      const seal = kind === '用印' ? demoUnitSeal(open(), actor, at.getTime()) : null;
      ctx.store.change(id, (doc) => {
        // Hash and sign inside the change, so the signature covers exactly the version it is appended to.
        const bytes = contentBytes(doc);
        const hash = contentHash(doc);
        const { events } = readEvents(doc);
        const event: WorkflowEvent = { id: randomUUID(), type: SIGN_EVENT, actor: actor.login, at: at.toISOString(), basis: events.at(-1)?.id ?? null, payload: {} };
        const by = { name: actor.name, unit: actor.unit, role: actor.role };
        let payload: SignPayload;
        if (seal) {
          const ses = applySealSync(seal.der, identity.signer, identity.certificate.der, { content: bytes, time: at, propertyInfo: propertyInfo(id) });
          payload = { kind, contentHash: hash, signature: toBase64(ses), certificate: toBase64(identity.certificate.der), by, esID: seal.info.esID, unit: seal.info.name };
        } else {
          const value = identity.signer.sign(canonicalEventBytes(signedForm(id, event, { kind, contentHash: hash, by })));
          payload = { kind, contentHash: hash, signature: toBase64(value), certificate: toBase64(identity.certificate.der), by };
        }
        appendEvent(doc, { ...event, payload });
      });
      return list(id);
    },
  };
}
