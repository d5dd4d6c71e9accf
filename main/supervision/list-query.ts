import type { SupervisionFilter } from '../../core/supervision/model';

/**
 * SQL for one filtered, sorted page of the 督办 list and its total. The plan is chosen here,
 * not left to SQLite's statistics, because the right one depends on how selective each filter
 * is, and a wrong guess turned 1 ms into 60 ms on 100,000 items:
 *
 * - unit filter → walk that unit's rows in the join table in sort order (INDEXED BY), stop at
 *   the page end; the total is an index-only count of the unit's range;
 * - a text query with few matches → look those rows up by rowid and sort them;
 * - otherwise → walk the projection's sort index, testing the other filters as it goes, unless
 *   the section/status filters leave few rows (known from the count, which runs first): then
 *   fetch those through the filter's index and sort them. Walking for a status nobody has
 *   would read the whole index.
 *
 * Every plan orders by the same keys ending in `rid`, so pages are stable whichever is used.
 */

const SORT_COLUMNS: Record<SupervisionFilter['sort'], string[]> = {
  order: ['ord', 'rid'],
  deadline: ['deadline_key', 'ord', 'rid'],
  updated: ['updated_at', 'rid'],
};

export const COLUMNS = `s.id, s.code, s.title, s.section, s.subsection, s.ord, s.lead, s.responsible, s.deadline,
  s.status, s.conflict, s.progress_note, s.source_id, s.updated_at`;

type Param = string | number;

export interface SqlWithParams {
  sql: string;
  params: Param[];
}

export interface ListPlan {
  page: SqlWithParams;
  count: SqlWithParams;
  /** For section/status filters: fetch through the filter's index and sort, when the count is small. */
  fewPage?: SqlWithParams;
}

/** The text filter, already resolved against the index: its MATCH expression and whether it is selective. */
export interface TextFilter {
  match: string;
  few: boolean;
}

class Conditions {
  readonly clauses: string[] = [];
  readonly params: Param[] = [];
  add(clause: string, ...params: Param[]): void {
    this.clauses.push(clause);
    this.params.push(...params);
  }
  get where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

const hasUnit = (alias: string, role: string) =>
  `EXISTS (SELECT 1 FROM supervision_units x WHERE x.role = '${role}' AND x.unit = ? AND x.rid = ${alias}.rid)`;
const inText = (alias: string) => `${alias}.rid IN (SELECT rowid FROM search WHERE search MATCH ?)`;

function orderBy(alias: string, filter: SupervisionFilter): string {
  const dir = filter.desc ? ' DESC' : '';
  return SORT_COLUMNS[filter.sort].map((c) => `${alias}.${c}${dir}`).join(', ');
}

function pageOf(select: string, where: Conditions, order: string, filter: SupervisionFilter): SqlWithParams {
  return {
    sql: `${select} ${where.where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...where.params, filter.limit, filter.offset],
  };
}

/** Driven by one unit's rows of the join table (`u`), in the sort index's order. */
function unitPlan(filter: SupervisionFilter, role: 'lead' | 'responsible', unit: string, text: TextFilter | null): ListPlan {
  const where = new Conditions();
  where.add('u.role = ? AND u.unit = ?', role, unit);
  if (filter.status !== undefined) where.add('u.status = ?', filter.status);
  if (role === 'lead' && filter.responsible !== undefined) where.add(hasUnit('u', 'responsible'), filter.responsible);
  if (text) where.add(inText('u'), text.match);
  const needsRow = filter.section !== undefined;
  if (needsRow) where.add('s.section = ?', filter.section as string);
  const index = `supervision_units_by_${filter.sort}`;
  const join = 'CROSS JOIN supervision s ON s.rid = u.rid';
  return {
    page: pageOf(`SELECT ${COLUMNS} FROM supervision_units u INDEXED BY ${index} ${join}`, where, orderBy('u', filter), filter),
    count: { sql: `SELECT count(*) AS n FROM supervision_units u ${needsRow ? join : ''} ${where.where}`, params: where.params },
  };
}

/** Filters on the projection row itself (`s`). */
function rowConditions(filter: SupervisionFilter, text: TextFilter | null): Conditions {
  const where = new Conditions();
  if (text) where.add(inText('s'), text.match);
  if (filter.section !== undefined) where.add('s.section = ?', filter.section);
  if (filter.status !== undefined) where.add('s.status = ?', filter.status);
  if (filter.lead !== undefined) where.add(hasUnit('s', 'lead'), filter.lead);
  if (filter.responsible !== undefined) where.add(hasUnit('s', 'responsible'), filter.responsible);
  return where;
}

export function planList(filter: SupervisionFilter, text: TextFilter | null): ListPlan {
  if (text?.few) {
    // NOT INDEXED still allows rowid lookups: the few matching rows are fetched and sorted.
    const where = rowConditions(filter, text);
    return {
      page: pageOf(`SELECT ${COLUMNS} FROM supervision s NOT INDEXED`, where, orderBy('s', filter), filter),
      count: { sql: `SELECT count(*) AS n FROM supervision s NOT INDEXED ${where.where}`, params: where.params },
    };
  }
  if (filter.lead !== undefined) return unitPlan(filter, 'lead', filter.lead, text);
  if (filter.responsible !== undefined) return unitPlan(filter, 'responsible', filter.responsible, text);
  const where = rowConditions(filter, text);
  const filterIndex =
    filter.section !== undefined ? 'supervision_by_section' : filter.status !== undefined ? 'supervision_by_status' : null;
  return {
    page: pageOf(
      `SELECT ${COLUMNS} FROM supervision s INDEXED BY supervision_by_${filter.sort}`,
      where,
      orderBy('s', filter),
      filter,
    ),
    count: { sql: `SELECT count(*) AS n FROM supervision s ${where.where}`, params: where.params },
    ...(filterIndex
      ? { fewPage: pageOf(`SELECT ${COLUMNS} FROM supervision s INDEXED BY ${filterIndex}`, where, orderBy('s', filter), filter) }
      : {}),
  };
}
