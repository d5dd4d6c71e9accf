import { documentModule } from './documents/module';
import { incomingModule } from './incoming/module';
import type { AreaModule } from './kernel/module';
import { proposalModule } from './proposals/module';
import { petitionModule } from './petitions/module';
import { supervisionModule, type SupervisionModuleContext } from './supervision/module';

/** What the app gives the area modules (each takes what it needs). */
export type AppAreaContext = SupervisionModuleContext;

/**
 * Each area's main-side module: the handlers of its own contract methods and the notices it
 * computes when asked. The only main file that imports area folders besides the areas
 * themselves; main/app/handlers-index.ts takes the modules from here.
 */
export const AREA_MODULES: readonly AreaModule<AppAreaContext>[] = [supervisionModule, incomingModule, documentModule, proposalModule, petitionModule];
