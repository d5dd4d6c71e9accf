import type { AreaModule } from '../kernel/module';
import { renderPdfDetailed } from '../layout';
import { documentHandlers, readDocument } from './handlers';
import { officialDocument } from './official';

/** 发文's main side: its list, detail, GB/T 9704 export and the 公文 workflow's steps (拟稿 … 分发). */
export const documentModule: AreaModule = {
  handlers: (ctx) => ({ documents: documentHandlers(ctx) }),
  archivePdf: async (store, id, at) => {
    if (store.kindOf(id) !== 'document') return null;
    const { fields, body } = readDocument(store, id);
    const { pdf, pages } = await renderPdfDetailed(officialDocument(fields, body), { creationDate: at });
    return { pdf, pages };
  },
};
