import { Light, SupervisionStatus, type SupervisionFilterInput } from '../../../../core/supervision/model';

export type SortKey = 'order' | 'deadline' | 'updated' | 'light';

/** The list page's state, kept in the URL (#/supervision?lead=…&page=2) so reload keeps it. */
export interface ListQuery {
  section?: string;
  lead?: string;
  responsible?: string;
  status?: SupervisionStatus;
  light?: Light;
  q?: string;
  sort: SortKey;
  desc: boolean;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_LIST_QUERY: ListQuery = { sort: 'order', desc: false, page: 1, pageSize: 50 };

const text = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t.slice(0, 200) : undefined;
};

/** Reads the URL query; anything unknown or malformed falls back to the default. */
export function parseListQuery(query: Record<string, string>): ListQuery {
  const status = SupervisionStatus.safeParse(query.status).data;
  const light = Light.safeParse(query.light).data;
  const sort: SortKey = query.sort === 'deadline' || query.sort === 'updated' || query.sort === 'light' ? query.sort : 'order';
  const page = Number(query.page);
  const size = Number(query.size);
  return {
    section: text(query.section),
    lead: text(query.lead),
    responsible: text(query.responsible),
    status,
    light,
    q: text(query.q),
    sort,
    desc: query.desc === '1',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_LIST_QUERY.pageSize,
  };
}

/** The URL query for a list state; defaults are left out to keep links short. */
export function listQueryToParams(lq: ListQuery): Record<string, string | undefined> {
  return {
    section: lq.section,
    lead: lq.lead,
    responsible: lq.responsible,
    status: lq.status,
    light: lq.light,
    q: lq.q,
    sort: lq.sort === 'order' ? undefined : lq.sort,
    desc: lq.desc ? '1' : undefined,
    page: lq.page > 1 ? String(lq.page) : undefined,
    size: lq.pageSize === DEFAULT_LIST_QUERY.pageSize ? undefined : String(lq.pageSize),
  };
}

/** The supervision.list input for a list state (server-side paging). */
export function listQueryToFilter(lq: ListQuery): SupervisionFilterInput {
  const filter: SupervisionFilterInput = {
    sort: lq.sort,
    desc: lq.desc,
    offset: (lq.page - 1) * lq.pageSize,
    limit: lq.pageSize,
  };
  if (lq.section) filter.section = lq.section;
  if (lq.lead) filter.lead = lq.lead;
  if (lq.responsible) filter.responsible = lq.responsible;
  if (lq.status) filter.status = lq.status;
  if (lq.light) filter.light = lq.light;
  if (lq.q) filter.q = lq.q;
  return filter;
}

/** Changing any filter goes back to page 1. */
export function withFilter(
  lq: ListQuery,
  patch: Partial<Pick<ListQuery, 'section' | 'lead' | 'responsible' | 'status' | 'light' | 'q'>>,
): ListQuery {
  return { ...lq, ...patch, page: 1 };
}

export const hasFilters = (lq: ListQuery): boolean =>
  Boolean(lq.section || lq.lead || lq.responsible || lq.status || lq.light || lq.q);
