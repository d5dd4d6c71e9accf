import { documentArea } from './documents/area';
import { incomingArea } from './incoming/area';
import { petitionArea } from './petitions/area';
import { createRegistry } from './kernel/registry';
import { proposalArea } from './proposals/area';
import { supervisionArea } from './supervision/area';

/**
 * The app's areas: the only core file that imports an area. Adding an area is one folder with
 * its `defineArea` and one entry here (core/kernel/README.md).
 */
export const AREAS = createRegistry([supervisionArea, incomingArea, documentArea, proposalArea, petitionArea]);
