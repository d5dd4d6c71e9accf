import type * as Y from 'yjs';
import type { Actor } from '../../core/kernel/actor';
import { EDIT, EditPayload } from '../../core/kernel/event';
import type { AreaRegistry } from '../../core/kernel/registry';
import { setBodyTextAs } from '../../core/records/body-authors';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { act, areaOf } from './act';
import type { EventSigning } from './signing';

/**
 * A form's edit of a record's fields (and body): only the fields whose value differs are written
 * (so concurrent edits of other fields never collide), together with a signed `edit` event
 * naming them and their new values, so the edit shows in 办理记录 like any action. The body is
 * named, not copied into the event (it can be long).
 */
export interface FieldEdit {
  id: string;
  /** The fields as the form opened. A changed field that moved since is refused (CONFLICT). Absent: no check. */
  base?: Readonly<Record<string, unknown>>;
  /** New field values; `kind` cannot change. */
  patch: Readonly<Record<string, unknown>>;
  /** The new body text, if edited. */
  body?: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** How a value reads in a message: text as is, lists joined, nothing as 空. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '空';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、') || '空';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Who last edited `field` (the latest applied `edit` event naming it), for the conflict message. */
function lastEditor(store: Store, id: string, field: string): string | null {
  const history = store.reduced<unknown>(id).history;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const h = history[i]!;
    if (!h.applied || h.event.type !== EDIT) continue;
    const p = EditPayload.safeParse(h.event.payload);
    if (p.success && p.data.fields.includes(field)) return h.event.by?.name ?? h.event.actor;
  }
  return null;
}

/**
 * Writes the edit as `actor`; returns the names of the fields (and `body`) it changed, [] when
 * nothing differed (then nothing is written). `extra` runs in the same Y.Doc change (bookkeeping
 * such as updatedAt, not listed in the event).
 */
export function editRecord(
  store: Store,
  registry: AreaRegistry,
  edit: FieldEdit,
  actor: Actor,
  now: Date,
  signing?: EventSigning,
  extra?: (doc: Y.Doc) => void,
): string[] {
  const area = areaOf(store, registry, edit.id);
  if ('kind' in edit.patch && edit.patch.kind !== area.kind) throw new AppError('BAD_INPUT', '记录类型不能修改');
  const doc = store.getDoc(edit.id);
  const current = fieldsOf(doc).toJSON() as Record<string, unknown>;
  const changed = Object.keys(edit.patch).filter((k) => k !== 'kind' && !same(edit.patch[k], current[k]));
  const label = (k: string) => area.fieldLabels?.[k] ?? k;
  if (edit.base) {
    for (const k of changed) {
      if (!(k in edit.base) || same(edit.base[k], current[k])) continue;
      const who = lastEditor(store, edit.id, k);
      throw new AppError('CONFLICT', `“${label(k)}”已被${who ?? '他人'}修改为“${shown(current[k])}”,请刷新后再修改`);
    }
  }
  const bodyChanged = edit.body !== undefined && edit.body !== bodyText(doc);
  const fields = [...changed, ...(bodyChanged ? ['body'] : [])];
  if (fields.length === 0) return [];
  const values = Object.fromEntries(changed.map((k) => [k, edit.patch[k]]));
  act(store, registry, { id: edit.id, basis: null, type: EDIT, payload: { fields, values } }, actor, now, signing, {
    mutate: (d) => {
      const map = fieldsOf(d);
      for (const k of changed) map.set(k, edit.patch[k]);
      // Under a client id of the editing person's, so the 花脸稿 names them (core/records/body-authors.ts).
      if (bodyChanged) setBodyTextAs(d, actor, edit.body as string);
      extra?.(d);
    },
  });
  return fields;
}
