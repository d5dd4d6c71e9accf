import { documentProjector } from '../documents/projection-table';
import { incomingProjector } from '../incoming/projection-table';
import { supervisionProjector } from '../supervision/projection-table';
import type { ProjectorFactory } from './projector';

/** One projector per record kind. A new kind adds its area folder and one line here. */
export const PROJECTORS: readonly ProjectorFactory[] = [supervisionProjector, incomingProjector, documentProjector];
