import type { Actor } from '../../core/kernel/actor';
import type { PersonInput } from '../../core/petitions/model';
import { blindToken } from '../../core/petitions/blind-index';
import { isOffice } from '../../core/petitions/permissions';
import { RepeatIndex, type RepeatMatch } from '../../core/petitions/repeat';
import type { PetitionState } from '../../core/petitions/state';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { caseView, type PetitionContext } from './context';

/**
 * The profile's repeat index: every 信访/12345 case and, when this build has them, 提案建议
 * (`proposal` records: title and body through the generic store). Built once per store and
 * topped up with records added since. A case indexed before its 复核 was decided is marked final
 * when the decision is written (here or arriving from the server), so the next 登记 flags it, and
 * unmarked if the server refuses that decision; a record that leaves this profile (access
 * withdrawn) is no longer offered.
 */
const indexes = new WeakMap<Store, { index: RepeatIndex; known: Set<string> }>();

function corpus(store: Store): RepeatIndex {
  let entry = indexes.get(store);
  if (!entry) {
    const index = new RepeatIndex();
    indexes.set(store, (entry = { index, known: new Set() }));
    const known = entry.known;
    store.onChange((ids) => {
      for (const id of ids) {
        if (!known.has(id)) continue;
        if (!store.has(id)) {
          index.remove(id);
          known.delete(id);
        } else if (store.kindOf(id) === 'petition') {
          // The reducer says whether a decision stands (a conflicting or refused one does not).
          index.setFinal(id, caseView(store, id).reduced.state.recheckDecided !== null);
        }
      }
    });
  }
  for (const id of store.ids()) {
    if (entry.known.has(id)) continue;
    const kind = store.kindOf(id);
    if (kind === 'petition') {
      const view = caseView(store, id);
      const s: PetitionState = view.reduced.state;
      const personTokens = view.fields.persons.flatMap((p) => [p.index.idNumber, p.index.phone]).filter(Boolean);
      entry.index.add({ id, kind: view.fields.channel === '12345' ? '12345' : 'petition', text: view.fields.matter, personTokens, final: s.recheckDecided !== null });
    } else if (kind === 'proposal') {
      const doc = store.getDoc(id);
      const title = fieldsOf(doc).get('title');
      entry.index.add({ id, kind: 'proposal', text: `${typeof title === 'string' ? title : ''} ${bodyText(doc)}` });
    } else continue;
    entry.known.add(id);
  }
  return entry.index;
}

/** Matches of a case about to be registered, with reasons; nothing is linked or merged here. */
export function findRepeats(ctx: PetitionContext, matter: string, persons: readonly PersonInput[], actor: Actor): RepeatMatch[] {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '只有信访部门可以进行重复信访比对');
  const key = ctx.keyring.indexKey();
  const personTokens = persons.flatMap((p) => [blindToken(key, 'idNumber', p.idNumber), blindToken(key, 'phone', p.phone)]).filter(Boolean);
  return corpus(ctx.store).find({ text: matter, personTokens });
}

/**
 * Matches of a case already registered (关联 from its page): its matter and its persons' stored
 * blind-index tokens, itself and the cases it is already linked to left out.
 */
export function findRepeatsOf(ctx: PetitionContext, id: string, actor: Actor): RepeatMatch[] {
  if (!isOffice(actor)) throw new AppError('FORBIDDEN', '只有信访部门可以进行重复信访比对');
  const view = caseView(ctx.store, id);
  const linked = new Set(view.reduced.state.links.map((l) => l.target));
  const personTokens = view.fields.persons.flatMap((p) => [p.index.idNumber, p.index.phone]).filter(Boolean);
  return corpus(ctx.store).find({ id, text: view.fields.matter, personTokens }, 20).filter((m) => !linked.has(m.id));
}
