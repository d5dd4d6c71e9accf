import type { Actor } from '../../core/kernel/actor';
import { petitionFieldsOf, type PetitionFields } from '../../core/petitions/model';
import type { PetitionView } from '../../core/petitions/derived';
import type { PetitionState } from '../../core/petitions/state';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import type { PetitionKeyring } from './keyring';

/** What the 信访 services need: the store, the clock, signing and the keyring. */
export interface PetitionContext {
  store: Store;
  now: () => Date;
  signing?: EventSigning;
  keyring: PetitionKeyring;
}

/** The case as the area's derived functions see it (fields from the Y.Map, state from the events). */
export function caseView(store: Store, id: string): PetitionView {
  if (store.kindOf(id) !== 'petition') throw new AppError('NOT_FOUND', `信访事项不存在:${id}`);
  const reduced = store.reduced<PetitionState>(id);
  const fields: PetitionFields = petitionFieldsOf(fieldsOf(store.getDoc(id)).toJSON());
  const created = reduced.created?.at ?? '';
  return { id, kind: 'petition', fields, body: '', reduced, createdAt: created, updatedAt: created };
}

/** Whether `actor` may see the case at all (the office, the assigned unit, administrators masked). */
export const maySee = (actor: Actor, state: PetitionState): boolean =>
  actor.role === 'petition_office' || actor.role === 'admin' || (state.unit !== null && actor.unit === state.unit);
