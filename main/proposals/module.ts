import type { AreaModule } from '../kernel/module';
import { proposalHandlers } from './handlers';

/** 提案建议's main side: list, workflow view, import, 答复函, 公开 export, 统计, 设置. */
export const proposalModule: AreaModule = {
  handlers: (ctx) => ({ proposals: proposalHandlers(ctx) }),
};
