import { addReader } from '../../core/crypto/field/envelopes';
import type { Actor } from '../../core/kernel/actor';
import { AREAS } from '../../core/areas';
import { AppError } from '../../core/result';
import { act } from '../kernel/act';
import { caseView, type PetitionContext } from './context';

export interface AssignInput {
  mode: '转送' | '交办';
  unit: string;
  /** The handler in that unit who may decrypt; null: the unit sees masked values only. */
  handler: Actor | null;
}

/**
 * 转送/交办 (or a reassignment): the office opens the data key and wraps it for the handler;
 * the envelopes travel in the signed `assign` event. The unit it replaces loses access with it
 * (the area's `access`), and its replicas drop the case at the next sync.
 */
export async function assignCase(ctx: PetitionContext, id: string, input: AssignInput, actor: Actor): Promise<void> {
  const view = caseView(ctx.store, id);
  const state = view.reduced.state;
  if (input.handler && input.handler.unit !== input.unit) throw new AppError('BAD_INPUT', `承办人${input.handler.name}不属于${input.unit}`);
  let envelopes = Object.values(state.envelopes);
  const added: typeof envelopes = [];
  if (input.handler && view.fields.persons.length > 0) {
    for (const key of await ctx.keyring.open(envelopes, actor)) {
      envelopes = await addReader(key, envelopes, ctx.keyring.reader(`user:${input.handler.login}`, input.handler));
      added.push(envelopes[envelopes.length - 1]!);
    }
  }
  act(ctx.store, AREAS, {
    id, basis: view.reduced.head, type: 'assign',
    payload: { mode: input.mode, unit: input.unit, handler: input.handler?.login ?? null, envelopes: added },
  }, actor, ctx.now(), ctx.signing);
}
