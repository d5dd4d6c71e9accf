import type { Actor } from '../../core/kernel/actor';
import { blindToken, type IndexedField } from '../../core/petitions/blind-index';
import { isOffice } from '../../core/petitions/permissions';
import { AppError } from '../../core/result';
import type { PetitionContext } from './context';
import { listCases, type PetitionListRow } from './list';

/**
 * A person's cases by name, phone or ID number for the 信访 office: the value is turned into its
 * blind-index token and looked up in `petition_persons`; FTS never holds the plaintext, and other
 * roles cannot search by person at all.
 */
export async function findPerson(ctx: PetitionContext, field: IndexedField, value: string, actor: Actor): Promise<PetitionListRow[]> {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '只有信访部门可以按信访人查询');
  const token = blindToken(ctx.keyring.indexKey(), field, value);
  const ids = new Set(ctx.store.use((db) =>
    db.prepare('SELECT DISTINCT p.id FROM petition_persons t JOIN petitions p ON p.rid = t.rid WHERE t.field = ? AND t.token = ?').pluck().all(field, token) as string[]));
  if (ids.size === 0) return [];
  return listCases(ctx, actor, { only: ids });
}
