import type { AreaModule } from '../kernel/module';
import { intakeHandlers } from '../intake/handlers';
import { incomingHandlers } from './handlers';

/** 收文's main side: its list and detail (with the 督办 items made from it), and intake from files (main/intake). */
export const incomingModule: AreaModule = {
  handlers: (ctx) => ({ incoming: incomingHandlers(ctx), intake: intakeHandlers(ctx) }),
};
