import { fromBase64 } from '../../core/crypto/bytes';
import { parseSesSignature } from '../../core/crypto/seal/structures';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { contentHash } from '../../core/records/content-hash';
import { SIGN_EVENT, verifyRecordSignEvent } from '../../core/records/sign-event';
import type { Store } from '../store/store';
import { caseView } from './context';

/** A verified seal over the 答复 as it is now: what the 答复意见书 shows where the seal goes. */
export interface ReplySeal {
  unit: string;
  esID: string;
  at: string;
  picture: { png: Uint8Array; widthMm: number };
}

/**
 * The 信访 office's 用印 that covers the case's 答复 now: the newest `sign` event of kind 用印
 * whose GB/T 38540 signature verifies against the trust store, whose content hash is the
 * record's current content, on a record whose `reply` is the case's 答复 word for word (the
 * signed reply event's id, text and date).
 * Null when there is none (not sealed, or sealed over content that has changed since).
 */
export function replySeal(store: Store, id: string, trust: TrustStore | null): ReplySeal | null {
  const view = caseView(store, id);
  const replied = view.reduced.state.replied;
  if (!replied) return null;
  // The sealed text must be the handler's signed 答复 itself (the office cannot seal other words under its id).
  const events = store.events(id).map((e) => e.event);
  const signed = events.find((e) => e.id === replied.eventId)?.payload.summary;
  const onRecord = view.fields.reply;
  if (!onRecord || onRecord.eventId !== replied.eventId || onRecord.summary !== signed || onRecord.on !== replied.on) return null;
  const current = contentHash(store.getDoc(id));
  const signs = events.filter((e) => e.type === SIGN_EVENT).reverse();
  for (const e of signs) {
    const v = verifyRecordSignEvent(id, e, trust);
    if (v.status !== 'valid' || v.kind !== '用印' || !v.bound || v.contentHash !== current) continue;
    const seal = parseSesSignature(fromBase64(v.payload.signature)).seal.info;
    // PDF draws PNG and JPEG pictures; any other seal picture leaves the placeholder.
    if (!/^(png|jpe?g)$/i.test(seal.picture.type)) continue;
    return { unit: seal.name, esID: seal.esID, at: v.time, picture: { png: seal.picture.data, widthMm: seal.picture.widthMm } };
  }
  return null;
}
