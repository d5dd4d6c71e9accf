import type { AreaModule } from '../kernel/module';
import { documentHandlers } from './handlers';

/** 发文's main side: its list, detail and GB/T 9704 export. */
export const documentModule: AreaModule = {
  handlers: (ctx) => ({ documents: documentHandlers(ctx.store) }),
};
