import type { Light, SupervisionStatus } from '../../../../core/supervision/model';
import { buildHash } from '../../router/hash';
import { DEFAULT_LIST_QUERY, listQueryToParams, type ListQuery } from '../supervision/listQuery';

/** What a chart segment stands for, as the 督办 list's filters. */
export interface Drill {
  status?: SupervisionStatus;
  light?: Light;
  lead?: string;
  responsible?: string;
  section?: string;
}

/** The 督办 list filtered to the items behind a segment (the list's own URL query). */
export function drillHash(drill: Drill): string {
  const query: ListQuery = { ...DEFAULT_LIST_QUERY, ...drill };
  return buildHash(['supervision'], listQueryToParams(query));
}
