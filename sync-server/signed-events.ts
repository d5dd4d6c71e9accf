import fs from 'node:fs';
import * as Y from 'yjs';
import type { TrustStore } from '../core/crypto/x509/chain';
import { certificateFromPem } from '../core/crypto/x509/certificate';
import { crlFromPem } from '../core/crypto/x509/crl';
import { eventsOf, fieldsOf } from '../core/records/record-doc';
import type { User } from '../core/sync/accounts';
import { SupervisionEvent } from '../core/supervision/events';
import { isSystemActor, signatureLabel, verifySupervisionEvent } from '../core/supervision/signature';

/**
 * Signed 督办 events at the server: an update that adds an event to a supervision record's
 * `events` array is refused unless every added event is signed by the authenticated user with
 * a certificate the server trusts (its CA + CRL, `--trust-ca` / `--crl`). System imports
 * (`system:*`, unsigned by design) are accepted only from administrators.
 *
 * Fast path: an update whose bytes do not contain the key names every event has ("actor",
 * "payload") cannot add an event, and is not decoded at all. Otherwise the update is applied to
 * a copy of the document and the items it adds to the events array are read from it.
 */
export function loadTrust(caFile: string, crlFile?: string): TrustStore {
  const anchors = [certificateFromPem(fs.readFileSync(caFile, 'utf8'))];
  const crls = crlFile ? [crlFromPem(fs.readFileSync(crlFile, 'utf8'))] : [];
  // Without a CRL file revocation cannot be checked: say so by not requiring one only then.
  return { anchors, crls, requireCrl: crlFile !== undefined };
}

const enc = new TextEncoder();
const NEEDLES = [enc.encode('actor'), enc.encode('payload')];

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
 * Null when the update may be written; otherwise the reason it is refused. `now` is the
 * server's clock (unused for the verdict, which is judged at each event's own time).
 */
export function checkSignedEvents(recordId: string, doc: Y.Doc, update: Uint8Array, user: Pick<User, 'login' | 'role'>, trust: TrustStore): string | null {
  if (!mayAddEvents(update)) return null;
  let result: ReturnType<typeof addedEvents>;
  try {
    result = addedEvents(doc, update);
  } catch {
    return null; // does not apply: the write path treats it as before
  }
  // Applied later, once its missing dependencies arrive, it would escape this check: refuse it.
  if (result.pending) return '更新依赖服务器上没有的内容(可能是被拒绝的事件),无法校验';
  if (result.kind !== 'supervision') return null;
  for (const raw of result.added) {
    const parsed = SupervisionEvent.safeParse(raw);
    if (!parsed.success) return '督办事件格式不正确';
    const event = parsed.data;
    if (isSystemActor(event.actor) && !event.sig) {
      if (user.role === 'admin') continue;
      return `只有管理员可以写入系统导入事件(${event.actor})`;
    }
    if (event.actor !== user.login) return `事件操作人(${event.actor})不是当前登录用户(${user.login})`;
    const status = verifySupervisionEvent(recordId, event, trust);
    if (status.status !== 'valid') return `${signatureLabel(status)}${status.message ? `:${status.message}` : ''}`;
    if (status.signer !== user.login) return `签名人(${status.signer ?? ''})不是当前登录用户(${user.login})`;
  }
  return null;
}
