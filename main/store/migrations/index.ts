import { migration001 } from './001_init';
import { migration002 } from './002_projections';
import { migration003 } from './003_search';
import { migration004 } from './004_lifecycle';
import { migration005 } from './005_notifications';
import { migration006 } from './006_documents';
import { migration007 } from './007_kernel';
import type { Migration } from './types';

/** Every migration in order; version N is at index N-1. Add a file, then add it here. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];

export const LATEST_VERSION = MIGRATIONS.length;
export type { Migration };
