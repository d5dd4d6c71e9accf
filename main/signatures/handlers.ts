import { randomUUID } from 'node:crypto';
import type { TrustStore } from '../../core/crypto/x509/chain';
import type { Handlers } from '../../core/ipc/dispatch';
import type { SignatureEntry, SignatureKind, SignatureList } from '../../core/ipc/signatures';
import type { Actor } from '../../core/kernel/actor';
import type { RecordEvent } from '../../core/kernel/event';
import { certificateIdentity } from '../../core/kernel/signature';
import { contentHash } from '../../core/records/content-hash';
import { createSignEvent, ISSUER_ROLES, SIGN_EVENT, verifyRecordSignEvent } from '../../core/records/sign-event';
import { AppError } from '../../core/result';
import { DemoPki } from '../crypto/demo-pki';
import { act, areaOf } from '../kernel/act';
import { isOffered } from '../../core/kernel/reduce';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { demoUnitSeal } from './demo-seals';

/**
 * 签发 and 用印 on a record of any area whose definition takes the `sign` event type
 * (core/records/sign-area.ts: 收文, 发文), through the kernel's one act path.
 *
 * Both write a record event `{type: 'sign', payload: {kind, contentHash, signature, certificate,
 * by, …}}` (the event log is append-only) signed over the record's canonical content hash
 * (core/records/content-hash.ts):
 * - 签发: SM2 by the current identity's key over canonicalEventBytes({recordId, type: 'sign',
 *   actor, time, contentHash, payload: {id, kind, by}}) — `signature` is DER base64;
 * - 用印: a GB/T 38540 SES_Signature (base64 DER) over SM3(content bytes), with the seal of the
 *   current identity's unit (demo-seals.ts), propertyInfo `record:<id>;event:<SM3 of the event's
 *   id, actor, at, by>` (early ones: `record:<id>`, shown with the name marked 未核验).
 *
 * Who may: 签发 — the leader and supervisor roles; 用印 — any member of a unit (an identity with
 * a unit) applies that unit's seal, and only that one. `by` is the current identity (name, unit,
 * role), which the certificate must attest (core/records/sign-event.ts): an identity whose demo
 * certificate says otherwise is refused before anything is written. Records of an area without
 * the `sign` type (督办: its actions are signed events themselves) are refused.
 */
export interface SignatureContext {
  store: Store;
  now: () => Date;
  actor: () => Actor;
  /** Where the demo PKI lives (the profile, or OA_DEMO_PKI_DIR as main/kernel/signing.ts). */
  pkiDir: string;
  /** Signs the event itself too (its `sig`, as every event); without it the event is unsigned beside its seal. */
  signing?: EventSigning;
}

export function mayApply(actor: Actor, kind: SignatureKind): boolean {
  return kind === '签发' ? ISSUER_ROLES.includes(actor.role) : actor.unit.trim() !== '';
}

type Verdict = Pick<SignatureEntry, 'status' | 'code' | 'message'>;
const COVERED: Verdict = { status: 'valid', message: '签名有效,覆盖当前版本' };
const STALE: Verdict = { status: 'stale', code: 'CONTENT_CHANGED', message: '内容已变更,签章不再覆盖当前版本' };

/**
 * One 签发 / 用印 event for the panel: the shared verifier (core/records/sign-event.ts, the same
 * one the sync server runs), then valid vs stale against the current content hash. Never throws.
 */
export function verifySignEvent(recordId: string, e: RecordEvent, current: string, trust: TrustStore | null): SignatureEntry {
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
  const v = verifyRecordSignEvent(recordId, e, trust);
  const verdict: Verdict = v.status !== 'valid' ? { status: v.status, code: v.code, message: v.message } : v.contentHash === current ? COVERED : STALE;
  if (v.status !== 'valid' || v.bound) return { ...base, ...verdict };
  // An early 用印 (its seal names the record, not the event): show what the seal attests — its
  // time and unit — and mark the name, which only the event claims, as unverified.
  return {
    ...base,
    signerName: `${base.signerName}${UNBOUND_NAME}`,
    unit: v.unit ?? base.unit,
    time: v.time,
    ...verdict,
    message: `${verdict.message}${UNBOUND_NOTE}`,
  };
}

const UNBOUND_NAME = '(未核验)';
const UNBOUND_NOTE = ';早期用印:签章未覆盖事件的编号和签章人姓名,时间和单位以印章为准';

/** Every 签发/用印 the record holds, in order, whatever the reducer made of it (a signature is shown even if refused). */
function signEvents(store: Store, id: string): RecordEvent[] {
  return store
    .events(id)
    .map((e) => e.event)
    .filter((e) => e.type === SIGN_EVENT);
}


/**
 * Writes one 签发 or 用印 by the current identity on a record of a signing area, after the
 * identity checks (role, the certificate's unit and role). The `sign` handler runs it after its own
 * checks (PIN, no 收文); tests use it to stand for a sender's signatures on a 收文, which arrive
 * with the document rather than being made here.
 */
export function signatureWriter(ctx: SignatureContext, pki: () => DemoPki): (id: string, kind: SignatureKind) => void {
  return (id, kind) => {
    const doc = ctx.store.getDoc(id);
    const actor = ctx.actor();
    if (!mayApply(actor, kind)) {
      throw new AppError('BAD_INPUT', kind === '签发' ? '只有领导或督查室可以签发' : '没有所属单位的身份不能用印');
    }
    const at = ctx.now();
    const identity = pki().identity(actor.login, { unit: actor.unit, role: actor.role });
    const holder = certificateIdentity(identity.certificate);
    // Refused here rather than appended as an event every verifier would reject.
    if (holder ? holder.unit !== actor.unit || (kind === '签发' && holder.role !== actor.role) : kind === '签发') {
      throw new AppError('BAD_INPUT', `签名证书载明的身份(${holder ? `${holder.unit}/${holder.role}` : '未载明单位和职务'})与当前身份(${actor.unit || '无单位'}/${actor.role})不符`);
    }
    const seal = kind === '用印' ? demoUnitSeal(pki(), actor, at.getTime()) : null;
    // Hashed and signed over the record as it is now; nothing runs between this and the write.
    const eventId = randomUUID();
    const by = { name: actor.name, unit: actor.unit, role: actor.role };
    const sealed = seal ? { der: seal.der, esID: seal.info.esID, unit: seal.info.name } : undefined;
    const { payload } = createSignEvent(id, doc, { kind, eventId, actor: actor.login, at, basis: null, by, signer: identity.signer, certificate: identity.certificate.der, ...(sealed ? { seal: sealed } : {}) });
    act(ctx.store, ctx.store.registry, { id, basis: null, type: SIGN_EVENT, payload }, actor, at, ctx.signing, { eventId });
  };
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
  const writeSignature = signatureWriter(ctx, open);
  const docOf = (id: string) => {
    const area = areaOf(ctx.store, ctx.store.registry, id);
    if (!area.events[SIGN_EVENT]) throw new AppError('BAD_INPUT', `${area.label}的签名见其办理记录,不在此签发或用印`);
    // A received 收文 carries the sender's 签发 and 印章; ours belong to the 发文 workflow (issue 10, point 8).
    if (area.kind === 'incoming') throw new AppError('BAD_INPUT', '收文是来文,不在本机签发或用印;签发和用印在发文办理中进行');
    return ctx.store.getDoc(id);
  };
  // The buttons follow the record's area (one can() for the page, the handlers and the server):
  // 发文's 签发 is its workflow's step, so its area refuses a bare 签发 and the button is not offered.
  const mayOffer = (id: string, actor: Actor, kind: SignatureKind): boolean => {
    if (!mayApply(actor, kind)) return false;
    const area = areaOf(ctx.store, ctx.store.registry, id);
    return isOffered(area, actor, { type: SIGN_EVENT, payload: { kind } }, ctx.store.reduced(id).state as never);
  };
  const list = (id: string): SignatureList => {
    const doc = docOf(id);
    const current = contentHash(doc);
    const t = trust();
    const actor = ctx.actor();
    return {
      contentHash: current,
      entries: signEvents(ctx.store, id).map((e) => verifySignEvent(id, e, current, t)),
      can: { 签发: mayOffer(id, actor, '签发'), 用印: mayOffer(id, actor, '用印') },
    };
  };
  return {
    list: ({ id }) => list(id),
    sign: ({ id, kind, pin }) => {
      docOf(id); // a record of a signing area, not a 收文
      const actor = ctx.actor();
      // A seal asks for the PIN every time; a signature needs the key unlocked for the session.
      if (kind === '用印') ctx.signing?.pin?.requireEach(actor.login, pin);
      else ctx.signing?.pin?.requireSession(actor.login);
      writeSignature(id, kind);
      return list(id);
    },
  };
}
