import type { SupervisionDetail } from '../../core/ipc/contract';
import { readEvents } from '../../core/records/record-doc';
import { bodyText } from '../../core/records/record-doc';
import { projectSupervision, readSupervisionFields } from '../../core/supervision/projection';
import { reduceSupervision } from '../../core/supervision/workflow';
import { readIncomingFields } from '../../core/incoming/projection';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';

/** Reads one supervision item with its derived status, history and source document. */
export function readSupervisionDetail(store: Store, id: string): SupervisionDetail {
  if (store.kindOf(id) !== 'supervision') throw new AppError('NOT_FOUND', `督办事项不存在:${id}`);
  const doc = store.getDoc(id);
  const { row } = projectSupervision(id, doc);
  const fields = readSupervisionFields(doc);
  const state = reduceSupervision(readEvents(doc).events);
  let source: SupervisionDetail['source'] = null;
  if (row.sourceId && store.kindOf(row.sourceId) === 'incoming') {
    const incoming = readIncomingFields(store.getDoc(row.sourceId));
    source = { id: row.sourceId, title: incoming.title, docNumber: incoming.docNumber };
  }
  return {
    ...row,
    body: bodyText(doc),
    createdAt: fields.createdAt,
    head: state.head,
    history: state.history,
    source,
  };
}
