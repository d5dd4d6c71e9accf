import type { AreaModule } from '../kernel/module';
import { incomingHandlers } from './handlers';

/** 收文's main side: its list and detail (with the 督办 items made from it). */
export const incomingModule: AreaModule = {
  handlers: (ctx) => ({ incoming: incomingHandlers(ctx) }),
};
