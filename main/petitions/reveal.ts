import type { Actor } from '../../core/kernel/actor';
import { AREAS } from '../../core/areas';
import type { DECRYPT_REASONS } from '../../core/petitions/events';
import type { PersonInput, ProtectedField } from '../../core/petitions/model';
import { mayDecrypt } from '../../core/petitions/permissions';
import { revealPersons } from '../../core/petitions/protect';
import { AppError } from '../../core/result';
import { act } from '../kernel/act';
import { caseView, type PetitionContext } from './context';

export type DecryptReason = (typeof DECRYPT_REASONS)[number];

/**
 * Decrypts a case's petitioners for an authorised viewer. The audit entry (a signed `decrypt`
 * event: who, when, which record, why, which fields) is written first: no entry, no plaintext.
 */
export async function revealCase(ctx: PetitionContext, id: string, actor: Actor, reason: DecryptReason, fields: readonly ProtectedField[]): Promise<Partial<PersonInput>[]> {
  const view = caseView(ctx.store, id);
  const state = view.reduced.state;
  if (!mayDecrypt(actor, state)) throw new AppError('FORBIDDEN', '无权查看信访人个人信息');
  if (view.fields.persons.length === 0) return [];
  act(ctx.store, AREAS, { id, basis: view.reduced.head, type: 'decrypt', payload: { reason, fields: [...fields] } }, actor, ctx.now(), ctx.signing);
  const keys = await ctx.keyring.open(Object.values(state.envelopes), actor);
  return revealPersons(keys, id, view.fields.persons, fields);
}
