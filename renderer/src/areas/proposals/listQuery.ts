import type { ProposalFilter } from '../../../../core/proposals/contract';

/**
 * The list's filters as they stand in the URL (`#/proposals?unit=…&status=…`), so that 统计's
 * drill-down is a link and a reload keeps the view.
 */
const LIGHTS = ['red', 'yellow', 'green', 'none'] as const;
const STATUSES = ['open', 'registered', 'handling', 'replied', 'dissatisfied', 'redo', 'rated', 'closed'] as const;

export function filterFromQuery(q: Record<string, string>): ProposalFilter {
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = [20, 50, 100].includes(Number(q.pageSize)) ? Number(q.pageSize) : 20;
  const f: ProposalFilter = { offset: (page - 1) * pageSize, limit: pageSize };
  if (q.unit) f.unit = q.unit;
  if ((STATUSES as readonly string[]).includes(q.status ?? '')) f.status = q.status as ProposalFilter['status'];
  if (q.category === '建议' || q.category === '提案') f.category = q.category;
  if ((LIGHTS as readonly string[]).includes(q.light ?? '')) f.light = q.light as ProposalFilter['light'];
  if (q.resultClass) f.resultClass = q.resultClass.slice(0, 4);
  if (q.satisfaction === '满意' || q.satisfaction === '基本满意' || q.satisfaction === '不满意') f.satisfaction = q.satisfaction;
  if (q.onTime === '1' || q.onTime === '0') f.onTime = q.onTime === '1';
  if (q.q) f.q = q.q.slice(0, 100);
  return f;
}

export const PAGE_OF = (f: ProposalFilter): number => Math.floor((f.offset ?? 0) / (f.limit ?? 20)) + 1;
