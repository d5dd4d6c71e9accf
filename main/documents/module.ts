import type { AreaModule } from '../kernel/module';
import { documentHandlers } from './handlers';

/** 发文's main side: its list, detail, GB/T 9704 export and the 公文 workflow's steps (拟稿 … 分发). */
export const documentModule: AreaModule = {
  handlers: (ctx) => ({ documents: documentHandlers(ctx) }),
};
