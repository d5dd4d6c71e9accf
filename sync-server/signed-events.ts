import fs from 'node:fs';
import * as Y from 'yjs';
import type { TrustStore } from '../core/crypto/x509/chain';
import { certificateFromPem } from '../core/crypto/x509/certificate';
import { crlFromPem } from '../core/crypto/x509/crl';
import { eventsOf, fieldsOf, WorkflowEvent } from '../core/records/record-doc';
import { SIGN_EVENT, verifyRecordSignEvent } from '../core/records/sign-event';
import type { User } from '../core/sync/accounts';
import { SupervisionEvent } from '../core/supervision/events';
import { isSystemActor, signatureLabel, verifySupervisionEvent } from '../core/supervision/signature';

/**
 * Signed record events at the server (sync-server/README.md, "Signed events"). With trust
 * configured (`--trust-ca`, `--crl`), an update that adds entries to a record's `events` array is
 * refused unless every added entry passes, for the authenticated user:
 *
 * - 督办 records (kind `supervision`, before or after the update): a SupervisionEvent signed by
 *   the user (core/supervision/signature.ts), actor = signer = the user.
 * - every other record (收文 `incoming`, 公文/通报 `document`, or no kind yet): a well-formed
 *   record event (core/records/record-doc.ts WorkflowEvent), and
 *   - `sign` (签发 / 用印): actor = the user, and the shared verifier
 *     (core/records/sign-event.ts `verifyRecordSignEvent`, also what the 签发与用印 panel runs)
 *     says valid — the SM2 signature (签发) or the GB/T 38540 SES_Signature (用印, its signer
 *     certificate) checks out with a certificate chaining to the trusted CA, valid and not revoked
 *     at the signing time — with signer (certificate subject) = the user;
 *   - any other type (no signed schema yet): actor = the user. Nobody writes events in someone
 *     else's name; the signature becomes required here once such a type is signed.
 * - On both, `system:*` actors (system imports, unsigned by design) only from administrators
 *   (and never as a `sign` event, which always needs a valid signature).
 *
 * Fast path: every well-formed event has an `actor` key (`payload` may be left out: it defaults
 * to {}), so an update whose bytes do not contain "actor" cannot add one and is not decoded at
 * all. Otherwise the update is applied to a copy of the document and the items it adds to the
 * events array are read from it.
 */
export function loadTrust(caFile: string, crlFile?: string): TrustStore {
  const anchors = [certificateFromPem(fs.readFileSync(caFile, 'utf8'))];
  const crls = crlFile ? [crlFromPem(fs.readFileSync(crlFile, 'utf8'))] : [];
  // Without a CRL file revocation cannot be checked: say so by not requiring one only then.
  return { anchors, crls, requireCrl: crlFile !== undefined };
}

const enc = new TextEncoder();
const NEEDLES = [enc.encode('actor')];

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether the update could add an event at all (cheap byte scan). */
export const mayAddEvents = (update: Uint8Array): boolean => NEEDLES.every((n) => contains(update, n));

/**
 * The values the update adds to the events array of `doc`, and the record kind after it.
 * `pending`: part of the update depends on items the server does not have (for instance an
 * event it refused before), so what it adds cannot be known yet.
 */
export function addedEvents(doc: Y.Doc, update: Uint8Array): { kind: unknown; added: unknown[]; pending: boolean } {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  const added: unknown[] = [];
  const events = eventsOf(copy);
  for (let item = events._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const known = sv.get(item.id.client) ?? 0;
    if (item.id.clock + item.length <= known) continue;
    const values = item.content.getContent();
    added.push(...values.slice(Math.max(0, known - item.id.clock)));
  }
  const kind = fieldsOf(copy).get('kind');
  const pending = copy.store.pendingStructs !== null;
  copy.destroy();
  return { kind, added, pending };
}

/**
 * Null when the update may be written; otherwise the reason it is refused. Each event is judged
 * at its own signing time (a signature made before a revocation stays good).
 */
export function checkSignedEvents(recordId: string, doc: Y.Doc, update: Uint8Array, user: Pick<User, 'login' | 'role'>, trust: TrustStore): string | null {
  if (!mayAddEvents(update)) return null;
  const kindBefore = fieldsOf(doc).get('kind');
  let result: ReturnType<typeof addedEvents>;
  try {
    result = addedEvents(doc, update);
  } catch {
    return null; // does not apply: the write path treats it as before
  }
  // Applied later, once its missing dependencies arrive, it would escape this check: refuse it.
  if (result.pending) return '更新依赖服务器上没有的内容(可能是被拒绝的事件),无法校验';
  // Strictest reading when the update changes the kind: a record that is or was 督办 keeps its rules.
  const supervision = kindBefore === 'supervision' || result.kind === 'supervision';
  for (const raw of result.added) {
    const refused = supervision ? checkSupervisionEvent(recordId, raw, user, trust) : checkRecordEvent(recordId, raw, user, trust);
    if (refused) return refused;
  }
  return null;
}

const notTheUser = (actor: string, login: string) => `事件操作人(${actor})不是当前登录用户(${login})`;
const systemOnlyByAdmin = (actor: string) => `只有管理员可以写入系统导入事件(${actor})`;

function checkSupervisionEvent(recordId: string, raw: unknown, user: Pick<User, 'login' | 'role'>, trust: TrustStore): string | null {
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

function checkRecordEvent(recordId: string, raw: unknown, user: Pick<User, 'login' | 'role'>, trust: TrustStore): string | null {
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
  return null;
}
