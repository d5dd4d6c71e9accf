import type { Handlers } from '../../core/ipc/dispatch';
import { readIncomingFields } from '../../core/incoming/projection';
import { bodyText } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { incomingRepo } from './repository';
import { supervisionRepo } from '../supervision/repository';

export function incomingHandlers(store: Store): Handlers['incoming'] {
  return {
    list: () => incomingRepo(store).list(),
    get: ({ id }) => {
      if (store.kindOf(id) !== 'incoming') throw new AppError('NOT_FOUND', `收文不存在:${id}`);
      const doc = store.getDoc(id);
      const { kind: _kind, ...fields } = readIncomingFields(doc);
      return { ...fields, id, body: bodyText(doc), linkedItems: supervisionRepo(store).linkedTo(id) };
    },
  };
}
