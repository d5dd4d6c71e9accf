import type { DocumentFields } from '../../core/documents/model';
import { readDocumentFields } from '../../core/documents/projection';
import type { Handlers } from '../../core/ipc/dispatch';
import { bodyText } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { fileStemOf, officialDocument, renderOfficial } from './official';
import type { AreaContext } from '../kernel/module';
import { documentWorkflowHandlers } from './workflow-handlers';

/** A document record's fields and 正文; NOT_FOUND for another kind or an unknown id. */
export function readDocument(store: Store, id: string): { fields: DocumentFields; body: string } {
  if (!store.has(id) || store.kindOf(id) !== 'document') throw new AppError('NOT_FOUND', `公文不存在:${id}`);
  const doc = store.getDoc(id);
  return { fields: readDocumentFields(doc), body: bodyText(doc) };
}

export function documentHandlers(ctx: AreaContext): Handlers['documents'] {
  const { store } = ctx;
  return {
    ...documentWorkflowHandlers(ctx),
    get: ({ id }) => {
      const { fields, body } = readDocument(store, id);
      const { kind: _kind, ...rest } = fields;
      return { ...rest, id, body };
    },
    export: ({ id, format }) => {
      const { fields, body } = readDocument(store, id);
      return renderOfficial(officialDocument(fields, body), format, fileStemOf(fields));
    },
  };
}
