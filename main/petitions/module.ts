import type { AreaModule } from '../kernel/module';
import { petitionHandlers } from './handlers';

/** 信访投诉's main side: protected personal data, repeat detection, 交办 with rewrapped keys. */
export const petitionModule: AreaModule = {
  handlers: (ctx) => ({ petitions: petitionHandlers(ctx) }),
};
