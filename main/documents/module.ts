import type { AreaModule } from '../kernel/module';
import { renderPdfDetailed } from '../layout';
import { documentHandlers, readDocument } from './handlers';
import { officialDocument } from './official';

/** 发文's main side: its list, detail and GB/T 9704 export. */
export const documentModule: AreaModule = {
  handlers: (ctx) => ({ documents: documentHandlers(ctx.store) }),
  archivePdf: async (store, id, at) => {
    if (store.kindOf(id) !== 'document') return null;
    const { fields, body } = readDocument(store, id);
    const { pdf, pages } = await renderPdfDetailed(officialDocument(fields, body), { creationDate: at });
    return { pdf, pages };
  },
};
