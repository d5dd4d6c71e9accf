import type { RecordDetail, RecordHistoryEntry } from '../../core/ipc/records';
import type { Actor } from '../../core/kernel/actor';
import type { AnyArea } from '../../core/kernel/area';
import { CREATE, EDIT, type StoredEvent } from '../../core/kernel/event';
import { allowedTypes, type Reduced } from '../../core/kernel/reduce';
import { verifyRecordEvent, type SignatureStatus } from '../../core/kernel/signature';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import type { Store } from '../store/store';
import { areaOf } from './act';
import type { EventSigning } from './signing';

/** The kernel's own event types in words; an area's types carry their label. */
const KERNEL_LABEL: Record<string, string> = { [CREATE]: '创建', [EDIT]: '修改' };

export const eventLabel = (area: AnyArea, type: string): string => area.events[type]?.label ?? KERNEL_LABEL[type] ?? type;

/**
 * A signature checked, plus the area's extra check (a 用印's seal binding its event) where the
 * signature itself holds: a valid signature over an event whose seal does not check out is invalid.
 */
function verdicts(area: AnyArea, id: string, stored: readonly StoredEvent[], signing: EventSigning | undefined): SignatureStatus[] {
  const events = stored.map((s) => s.event);
  const statuses = signing ? signing.verify(id, events) : events.map((e) => verifyRecordEvent(id, e, null));
  if (!area.verifyExtra) return statuses;
  const trust = signing?.trust?.() ?? null;
  return statuses.map((s, i) => {
    const extra = area.verifyExtra?.(id, events[i]!, trust) ?? null;
    return extra && (s.status === 'valid' || s.status === 'system') ? { status: 'invalid', code: 'EXTRA', message: extra } : s;
  });
}

/** The record as the generic detail shows it to `actor`. */
export function recordDetail(store: Store, id: string, actor: Actor, signing?: EventSigning): RecordDetail {
  const area = areaOf(store, store.registry, id);
  const doc = store.getDoc(id);
  const reduced = store.reduced<unknown>(id);
  const stored = store.events(id);
  const byId = new Map(stored.map((s) => [s.event.id, s]));
  const rejected = stored.filter((s) => s.status === 'rejected');
  const listed = [...reduced.history.map((h) => byId.get(h.event.id)).filter((s): s is StoredEvent => s !== undefined), ...rejected];
  const signatures = verdicts(area, id, listed, signing);
  const entries = new Map(reduced.history.map((h) => [h.event.id, h]));
  const history: RecordHistoryEntry[] = listed.map((s, i) => {
    const h = s.status === 'rejected' ? null : entries.get(s.event.id);
    return {
      event: s.event,
      label: eventLabel(area, s.event.type),
      status: s.status,
      applied: h?.applied ?? false,
      conflict: h ? h.conflict : `服务器拒绝:${s.reason ?? '未说明原因'}`,
      note: h?.note ?? null,
      signature: signatures[i]!,
    };
  });
  return {
    id,
    kind: area.kind,
    kindLabel: area.label,
    fields: fieldsOf(doc).toJSON() as Record<string, unknown>,
    body: bodyText(doc),
    head: reduced.head,
    history,
    actions: allowedTypes(area, actor, reduced.state).map((type) => ({ type, label: eventLabel(area, type) })),
    canEdit: area.can(actor, { type: EDIT }, reduced.state) === null,
    ...times(reduced),
  };
}

function times(reduced: Reduced<unknown>): { createdAt: string; updatedAt: string } {
  const createdAt = reduced.created?.at ?? reduced.history[0]?.event.at ?? '';
  const updatedAt = reduced.history.reduce((max, h) => (h.event.at > max ? h.event.at : max), createdAt);
  return { createdAt, updatedAt };
}
