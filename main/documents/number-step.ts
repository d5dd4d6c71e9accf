import { beijingDate } from '../../core/calendar/iso-date';
import { readDocumentFields } from '../../core/documents/projection';
import type { DocumentState } from '../../core/documents/state';
import { Actor } from '../../core/kernel/actor';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { act } from '../kernel/act';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { allocateDocNumber } from './numbering';
import { currentSubstance, documentState } from './workflow-view';

/**
 * 编号 of a signed 公文: the number from the sync server (or 本地编号), written with the `number`
 * event together with what the office fills in then — 发文字号, 成文日期 (the day of 签发, as the
 * 条例 says), 签发人, 印发机关 and 印发日期 — so that the 用印 which follows covers the final content.
 * A configured server that cannot be reached leaves it 待编号 (`request_number`): the number is
 * taken on sync (numberPending).
 */
export async function numberDocument(store: Store, id: string, actor: Actor, now: Date, signing?: EventSigning): Promise<'numbered' | 'pending'> {
  const state = documentState(store, id);
  if (state.phase !== 'issued' && state.phase !== 'numbering') throw new AppError('CONFLICT', state.number ? `公文已编号:${state.number.docNumber}` : '公文签发后才能编号');
  const denied = store.registry.byKind('document')!.can(actor, { type: 'number' }, state);
  if (denied) throw new AppError('BAD_INPUT', denied);
  const fields = readDocumentFields(store.getDoc(id));
  const issuerCode = fields.issuerCode?.trim() || state.numberRequest?.issuerCode;
  if (!issuerCode) throw new AppError('BAD_INPUT', '请先填写机关代字(如 厦府办),再编号');
  const year = state.numberRequest?.year ?? Number(beijingDate(now).slice(0, 4));
  const substance = currentSubstance(store, id);
  let number;
  try {
    number = await allocateDocNumber(store, { recordId: id, issuerCode, year });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'TRANSPORT') throw err;
    if (state.phase === 'issued') act(store, store.registry, { id, basis: store.reduced(id).head, type: 'request_number', payload: { issuerCode, year, substance } }, actor, now, signing);
    markRequested(store, id, true);
    return 'pending';
  }
  // The state may have moved while the server answered (another office numbered it): judged again by act.
  const issuedOn = state.issue ? beijingDate(new Date(state.issue.at)) : beijingDate(now);
  act(store, store.registry, { id, basis: store.reduced(id).head, type: 'number', payload: { ...number, substance } }, actor, now, signing, {
    mutate: (doc) => {
      const map = fieldsOf(doc);
      map.set('docNumber', number.docNumber);
      map.set('writtenDate', issuedOn);
      if (state.issue) map.set('signer', state.issue.by.name);
      if (!map.get('printer')) map.set('printer', fields.issuer);
      map.set('printDate', beijingDate(now));
      map.set('updatedAt', now.toISOString());
    },
  });
  markRequested(store, id, false);
  return 'numbered';
}

/** The 待编号 asked on this machine (a profile's meta): only the machine that asked takes the number, so two replicas never both append it. */
const REQUESTED = 'documents.numbering.requested';

function requested(store: Store): string[] {
  try {
    const ids = JSON.parse(store.getMeta(REQUESTED) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function markRequested(store: Store, id: string, on: boolean): void {
  const ids = requested(store).filter((x) => x !== id);
  store.setMeta(REQUESTED, JSON.stringify(on ? [...ids, id] : ids));
}

/**
 * The 公文 this machine asked a number for while the server could not be reached (待编号),
 * numbered now — called once the sync engine is online. Each is numbered as the office member
 * who asked (their request event names them). Returns how many took a number; one that fails
 * stays 待编号 for the next time.
 */
export async function numberPending(store: Store, now: () => Date, signing?: EventSigning): Promise<number> {
  let done = 0;
  for (const id of requested(store)) {
    const state = store.has(id) ? store.reduced<DocumentState>(id).state : null;
    if (state?.phase !== 'numbering') {
      markRequested(store, id, false);
      continue;
    }
    const request = [...store.events(id)].reverse().find((e) => e.event.type === 'request_number' && e.status !== 'rejected');
    const by = Actor.safeParse(request?.event.by);
    if (!by.success) continue;
    try {
      if ((await numberDocument(store, id, by.data, now(), signing)) === 'pending') break;
      done += 1;
    } catch (err) {
      if (err instanceof AppError && err.code === 'TRANSPORT') break;
    }
  }
  return done;
}
