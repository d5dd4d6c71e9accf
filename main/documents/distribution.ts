import { createHash } from 'node:crypto';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { DocumentFields } from '../../core/documents/model';
import { readDocumentFields } from '../../core/documents/projection';
import type { IncomingState } from '../../core/incoming/state';
import type { Actor } from '../../core/kernel/actor';
import { bodyText, fieldsOf, setBodyText } from '../../core/records/record-doc';
import { act, createRecord } from '../kernel/act';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';

/**
 * 印发/分发: each 主送 and 抄送 unit that works in this system receives the 公文 as a new 收文
 * record of its own (linked to the source by its 来文送达 event and listed in the 分发 event), which
 * only the sender and that unit may read: a unit that is not an addressee gets no bytes of it.
 * Units outside the system get the GB/T 9704 PDF (documents.export), listed as such.
 */

/** The units that have an office (办公室/文秘) in the directory: they sign for 收文 here. */
export function systemUnits(): Set<string> {
  return new Set(DEMO_USERS.filter((u) => u.role === 'office' && u.unit).map((u) => u.unit));
}

/** The addressees: 主送 first, then 抄送, each unit once. */
export function addressees(fields: DocumentFields): { unit: string; role: '主送' | '抄送' }[] {
  const seen = new Set<string>();
  const out: { unit: string; role: '主送' | '抄送' }[] = [];
  for (const [role, units] of [['主送', fields.mainRecipients], ['抄送', fields.ccRecipients]] as const) {
    for (const unit of units) {
      if (seen.has(unit)) continue;
      seen.add(unit);
      out.push({ unit, role });
    }
  }
  return out;
}

/** The id of the 收文 copy of `documentId` at `unit`: the same on every retry, so a repeated 分发 makes no second copy. */
export const copyId = (documentId: string, unit: string): string => `in-${createHash('sha256').update(`${documentId}\n${unit}`).digest('hex').slice(0, 32)}`;

/**
 * Makes (or finds) the 收文 copy at `unit`: fields and 正文 of the numbered 公文, then its 来文送达
 * event naming the unit, the source and the role.
 */
export function deliverCopy(store: Store, documentId: string, to: { unit: string; role: '主送' | '抄送' }, actor: Actor, now: Date, signing?: EventSigning): string {
  const id = copyId(documentId, to.unit);
  // A 分发 interrupted between the copy and its 来文送达 finishes the copy on the retry.
  if (store.has(id) && store.reduced<IncomingState>(id).state.source) return id;
  const source = store.getDoc(documentId);
  const f = readDocumentFields(source);
  const body = bodyText(source);
  const at = now.toISOString();
  if (!store.has(id)) createRecord(
    store,
    store.registry,
    {
      id,
      kind: 'incoming',
      build: (doc) => {
        const map = fieldsOf(doc);
        const fields = {
          kind: 'incoming',
          title: f.title,
          issuer: f.issuer,
          docNumber: f.docNumber,
          writtenDate: f.writtenDate,
          issuedDate: f.printDate ?? f.writtenDate,
          mainRecipients: f.mainRecipients,
          ccRecipients: f.ccRecipients,
          publicity: f.publicity ?? '',
          receivedAt: at,
          createdAt: at,
          updatedAt: at,
          docKind: f.docKind,
        };
        for (const [k, v] of Object.entries(fields)) map.set(k, v);
        setBodyText(doc, body);
      },
    },
    actor,
    now,
    signing,
  );
  act(
    store,
    store.registry,
    { id, basis: null, type: 'deliver', payload: { toUnit: to.unit, role: to.role, sourceId: documentId, sourceUnit: actor.unit, docNumber: f.docNumber, docKind: f.docKind } },
    actor,
    now,
    signing,
  );
  return id;
}
