import fs from 'node:fs';
import * as Y from 'yjs';
import type { TrustStore } from '../core/crypto/x509/chain';
import { certificateFromPem } from '../core/crypto/x509/certificate';
import { crlFromPem } from '../core/crypto/x509/crl';
import { WorkflowEvent } from '../core/records/record-doc';
import { SIGN_EVENT, verifyRecordSignEvent } from '../core/records/sign-event';
import type { User } from '../core/sync/accounts';
import { SupervisionEvent } from '../core/supervision/events';
import { isSystemActor, signatureLabel, verifySupervisionEvent } from '../core/supervision/signature';
import { applyToCopy, mayAddEvents, mayTouchKind, type Decoded, type UpdateEffects } from './update-effects';

export { mayAddEvents } from './update-effects';

/**
 * Signed record events at the server (sync-server/README.md, "Signed events"). With trust
 * configured (`--trust-ca`, `--crl`), an update that adds entries to a record's `events` array is
 * refused unless every added entry passes, for the authenticated user:
 *
 * - 督办 records (kind `supervision`): a SupervisionEvent signed by the user
 *   (core/supervision/signature.ts), actor = signer = the user.
 * - every other record (收文 `incoming`, 公文/通报 `document`, or no kind yet): a well-formed
 *   record event (core/records/record-doc.ts WorkflowEvent), and
 *   - `sign` (签发 / 用印): actor = the user, and the shared verifier
 *     (core/records/sign-event.ts `verifyRecordSignEvent`, also what the 签发与用印 panel runs)
 *     says valid and bound to its event — the SM2 signature (签发) or the GB/T 38540
 *     SES_Signature (用印, its signer certificate) checks out with a certificate chaining to the
 *     trusted CA, valid and not revoked at the signing time — with signer (certificate subject)
 *     = the user; `by` as the certificate attests it (subject OU / title: 签发 needs both, a role
 *     that may 签发 and `by.unit` / `by.role` equal to them; 用印: `by.unit` = the certificate's
 *     unit when it names one), and as the user's account has it (name, one of its units);
 *   - any other type (no signed schema yet): actor = the user. Nobody writes events in someone
 *     else's name; the signature becomes required here once such a type is signed.
 * - On both, `system:*` actors (system imports, unsigned by design) only from administrators
 *   (and never as a `sign` event, which always needs a valid signature).
 * - The record kind decides the rules, so once set it cannot change (记录类型不可更改); a record
 *   that becomes 督办 must already hold only validly signed 督办 events. At most
 *   MAX_EVENTS_PER_UPDATE events per update.
 *
 * Cost: update-effects.ts. Ordinary edits are decoded but never applied to a copy.
 */
export function loadTrust(caFile: string, crlFile?: string): TrustStore {
  const anchors = [certificateFromPem(fs.readFileSync(caFile, 'utf8'))];
  const crls = crlFile ? [crlFromPem(fs.readFileSync(crlFile, 'utf8'))] : [];
  // Without a CRL file revocation cannot be checked: say so by not requiring one only then.
  return { anchors, crls, requireCrl: crlFile !== undefined };
}

/** At most this many events per update: each costs a chain validation and one to three SM2 verifications. */
export const MAX_EVENTS_PER_UPDATE = 100;

/** The server's record of the authenticated user (core/sync/accounts.ts). */
export type EventUser = Pick<User, 'login' | 'role' | 'name' | 'units'>;

export const KIND_FIXED_REASON = '记录类型不可更改';

/**
 * Null when the update may be written; otherwise the reason it is refused. Each event is judged
 * at its own signing time (a signature made before a revocation stays good). `inFlight`: the
 * updates of this room accepted before this one and not applied yet (event-log.ts), applied
 * first, so an update building on them is judged on what it will really be applied to.
 */
export function checkSignedEvents(recordId: string, doc: Y.Doc, update: Uint8Array, user: EventUser, trust: TrustStore, inFlight: readonly Uint8Array[] = []): string | null {
  const addsEvents = mayAddEvents(update);
  let decoded: Decoded;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null; // does not decode: the write path treats it as before
  }
  if (!addsEvents && !mayTouchKind(doc, decoded, inFlight.map(decodeInFlight).filter((d): d is Decoded => d !== null))) return null;
  let effects: UpdateEffects;
  try {
    effects = applyToCopy(doc, update, decoded, inFlight);
  } catch {
    return null; // does not apply: the write path treats it as before
  }
  const { kindBefore, kindAfter, added, existing } = effects;
  // Which rules a record's events follow depends on its kind: once set, it stays.
  if (kindBefore !== undefined && kindAfter !== kindBefore) return `${KIND_FIXED_REASON}(原为${String(kindBefore)})`;
  // Applied later, once its missing dependencies arrive, it would escape this check: refuse it.
  if (effects.pending && addsEvents) return '更新依赖服务器上没有的内容(可能是被拒绝的事件),无法校验';
  if (added.length > MAX_EVENTS_PER_UPDATE) return `一次更新最多追加 ${MAX_EVENTS_PER_UPDATE} 条办理记录(本次 ${added.length} 条),请分批同步`;
  const supervision = kindAfter === 'supervision';
  if (supervision && kindBefore === undefined) {
    // Becoming a 督办 record: what was written under the other rules must meet these too.
    for (const raw of existing) {
      const refused = checkExistingSupervisionEvent(recordId, raw, trust);
      if (refused) return `已有办理记录不符合督办签名要求,不能改为督办事项:${refused}`;
    }
  }
  for (const raw of added) {
    const refused = supervision ? checkSupervisionEvent(recordId, raw, user, trust) : checkRecordEvent(recordId, raw, user, trust);
    if (refused) return refused;
  }
  return null;
}

/** In-flight updates are read again for every later update of the room: decode each once. */
const decodedInFlight = new WeakMap<Uint8Array, Decoded | null>();
function decodeInFlight(update: Uint8Array): Decoded | null {
  let d = decodedInFlight.get(update);
  if (d === undefined) {
    try {
      d = Y.decodeUpdate(update);
    } catch {
      d = null;
    }
    decodedInFlight.set(update, d);
  }
  return d;
}

const notTheUser = (actor: string, login: string) => `事件操作人(${actor})不是当前登录用户(${login})`;
const systemOnlyByAdmin = (actor: string) => `只有管理员可以写入系统导入事件(${actor})`;

function checkSupervisionEvent(recordId: string, raw: unknown, user: EventUser, trust: TrustStore): string | null {
  const parsed = SupervisionEvent.safeParse(raw);
  if (!parsed.success) return '督办事件格式不正确';
  const event = parsed.data;
  if (isSystemActor(event.actor) && !event.sig) return user.role === 'admin' ? null : systemOnlyByAdmin(event.actor);
  if (event.actor !== user.login) return notTheUser(event.actor, user.login);
  const status = verifySupervisionEvent(recordId, event, trust);
  if (status.status !== 'valid') return `${signatureLabel(status)}${status.message ? `:${status.message}` : ''}`;
  if (status.signer !== user.login) return `签名人(${status.signer ?? ''})不是当前登录用户(${user.login})`;
  return null;
}

/** An event already in a record that becomes 督办: validly signed by its own actor (or a system import). */
function checkExistingSupervisionEvent(recordId: string, raw: unknown, trust: TrustStore): string | null {
  const parsed = SupervisionEvent.safeParse(raw);
  if (!parsed.success) return '督办事件格式不正确';
  const event = parsed.data;
  if (isSystemActor(event.actor) && !event.sig) return null;
  const status = verifySupervisionEvent(recordId, event, trust);
  if (status.status !== 'valid') return `${signatureLabel(status)}${status.message ? `:${status.message}` : ''}`;
  return status.signer === event.actor ? null : `签名人(${status.signer ?? ''})不是事件操作人(${event.actor})`;
}

function checkRecordEvent(recordId: string, raw: unknown, user: EventUser, trust: TrustStore): string | null {
  const parsed = WorkflowEvent.safeParse(raw);
  if (!parsed.success) return '事件格式不正确';
  const event = parsed.data;
  if (event.type !== SIGN_EVENT) {
    if (isSystemActor(event.actor)) return user.role === 'admin' ? null : systemOnlyByAdmin(event.actor);
    return event.actor === user.login ? null : notTheUser(event.actor, user.login);
  }
  // Cheap before the cryptography: a 签发/用印 in someone else's name is refused outright.
  if (event.actor !== user.login) return notTheUser(event.actor, user.login);
  const v = verifyRecordSignEvent(recordId, raw, trust);
  if (v.status !== 'valid') return `${signatureLabel(v)}:${v.message}`;
  if (v.signer !== user.login) return `签名人(${v.signer})不是当前登录用户(${user.login})`;
  if (!v.bound) return '早期格式的用印(签章未覆盖事件信息)不再接受,请重新用印';
  return checkSignerIdentity(v.payload.by, user);
}

/**
 * The 签章人 the panel shows (`by`): its unit and role are held to the certificate by the shared
 * verifier (a 签发 only by a certified 领导 / 督查室); its name, which no certificate field
 * carries, and its unit must also be what the server's account says — the name, one of the units.
 */
function checkSignerIdentity(by: { name: string; unit: string; role: string }, user: EventUser): string | null {
  if (by.name !== user.name) return `签章人姓名(${by.name})与账号登记的姓名(${user.name})不符`;
  if (!user.units.includes(by.unit)) return `签章人单位(${by.unit})不是账号所属单位(${user.units.join('、') || '无'})`;
  return null;
}
