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
 *
 * The light (亮灯) depends on today, so it is an expression over the stored dates (lightSql). A
 * light filter is one more condition; sorting by light sorts the matching rows (no index can
 * hold an order that changes every day).
 */

const SORT_COLUMNS: Record<Exclude<SupervisionFilter['sort'], 'light'>, string[]> = {
  order: ['ord', 'rid'],
  deadline: ['deadline_key', 'ord', 'rid'],
  updated: ['updated_at', 'rid'],
};

/** Today and the first day beyond the yellow warning window (core/supervision/item-light.ts lightThresholds). */
export interface LightDates {
  today: string;
  warnBefore: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The light of row `alias` as SQL, the same rule as itemLight(): none once done; red past the
 * deadline assessed; yellow when it is near, or a 签收 limit, report date or milestone has passed.
 * The dates are written into the SQL as literals (checked to be YYYY-MM-DD): the expression
 * appears in several places of a statement, and positional parameters would have to follow it.
 */
export function lightSql(alias: string, dates: LightDates): string {
  for (const d of [dates.today, dates.warnBefore]) if (!ISO_DATE.test(d)) throw new Error(`not a date: ${d}`);
  const t = `'${dates.today}'`;
  return `CASE WHEN ${alias}.done = 1 THEN 'none'
    WHEN ${alias}.deadline_key < ${t} THEN 'red'
    WHEN ${alias}.deadline_key < '${dates.warnBefore}' OR ${alias}.ack_key < ${t} OR ${alias}.report_key < ${t}
      OR ${alias}.milestone_key < ${t} THEN 'yellow'
    ELSE 'green' END`;
}

/** Red first: the order of urgency. */
const lightRank = (alias: string, dates: LightDates) =>
  `(CASE (${lightSql(alias, dates)}) WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END)`;

export const COLUMNS = `s.id, s.code, s.title, s.section, s.subsection, s.ord, s.lead, s.responsible, s.deadline,
  s.status, s.conflict, s.progress_note, s.source_id, s.updated_at, s.deadline_phrase, s.extended_deadline,
  s.extension_pending, s.ack_key, s.report_key, s.milestone_key, s.milestone_id, s.milestone_title, s.completed_at,
  s.progress, s.parent_id`;

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

function orderBy(alias: string, filter: SupervisionFilter, dates: LightDates): string {
  const dir = filter.desc ? ' DESC' : '';
  if (filter.sort === 'light') {
    return [lightRank(alias, dates), ...SORT_COLUMNS.deadline.map((c) => `${alias}.${c}`)].map((c) => `${c}${dir}`).join(', ');
  }
  return SORT_COLUMNS[filter.sort].map((c) => `${alias}.${c}${dir}`).join(', ');
}

function pageOf(select: string, where: Conditions, order: string, filter: SupervisionFilter): SqlWithParams {
  return {
    sql: `${select} ${where.where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...where.params, filter.limit, filter.offset],
  };
}

/** Driven by one unit's rows of the join table (`u`), in the sort index's order. */
function unitPlan(
  filter: SupervisionFilter,
  role: 'lead' | 'responsible',
  unit: string,
  text: TextFilter | null,
  dates: LightDates,
): ListPlan {
  const where = new Conditions();
  where.add('u.role = ? AND u.unit = ?', role, unit);
  if (filter.status !== undefined) where.add('u.status = ?', filter.status);
  if (role === 'lead' && filter.responsible !== undefined) where.add(hasUnit('u', 'responsible'), filter.responsible);
  if (text) where.add(inText('u'), text.match);
  if (filter.section !== undefined) where.add('s.section = ?', filter.section);
  if (filter.light !== undefined) where.add(`(${lightSql('s', dates)}) = ?`, filter.light);
  const needsRow = filter.section !== undefined || filter.light !== undefined;
  const index = `supervision_units_by_${filter.sort === 'light' ? 'deadline' : filter.sort}`;
  const join = 'CROSS JOIN supervision s ON s.rid = u.rid';
  // Sorting by light needs the row's dates: order by the joined row.
  const order = filter.sort === 'light' ? orderBy('s', filter, dates) : orderBy('u', filter, dates);
  return {
    page: pageOf(`SELECT ${COLUMNS} FROM supervision_units u INDEXED BY ${index} ${join}`, where, order, filter),
    count: { sql: `SELECT count(*) AS n FROM supervision_units u ${needsRow ? join : ''} ${where.where}`, params: where.params },
  };
}

/** Filters on the projection row itself (`s`). */
function rowConditions(filter: SupervisionFilter, text: TextFilter | null, dates: LightDates): Conditions {
  const where = new Conditions();
  if (filter.light !== undefined) where.add(`(${lightSql('s', dates)}) = ?`, filter.light);
  if (text) where.add(inText('s'), text.match);
  if (filter.section !== undefined) where.add('s.section = ?', filter.section);
  if (filter.status !== undefined) where.add('s.status = ?', filter.status);
  if (filter.lead !== undefined) where.add(hasUnit('s', 'lead'), filter.lead);
  if (filter.responsible !== undefined) where.add(hasUnit('s', 'responsible'), filter.responsible);
  return where;
}

export function planList(filter: SupervisionFilter, text: TextFilter | null, dates: LightDates): ListPlan {
  if (text?.few) {
    // NOT INDEXED still allows rowid lookups: the few matching rows are fetched and sorted.
    const where = rowConditions(filter, text, dates);
    return {
      page: pageOf(`SELECT ${COLUMNS} FROM supervision s NOT INDEXED`, where, orderBy('s', filter, dates), filter),
      count: { sql: `SELECT count(*) AS n FROM supervision s NOT INDEXED ${where.where}`, params: where.params },
    };
  }
  if (filter.lead !== undefined) return unitPlan(filter, 'lead', filter.lead, text, dates);
  if (filter.responsible !== undefined) return unitPlan(filter, 'responsible', filter.responsible, text, dates);
  const where = rowConditions(filter, text, dates);
  if (filter.sort === 'light') {
    return {
      page: pageOf(`SELECT ${COLUMNS} FROM supervision s`, where, orderBy('s', filter, dates), filter),
      count: { sql: `SELECT count(*) AS n FROM supervision s ${where.where}`, params: where.params },
    };
  }
  const filterIndex =
    filter.section !== undefined ? 'supervision_by_section' : filter.status !== undefined ? 'supervision_by_status' : null;
  return {
    page: pageOf(
      `SELECT ${COLUMNS} FROM supervision s INDEXED BY supervision_by_${filter.sort}`,
      where,
      orderBy('s', filter, dates),
      filter,
    ),
    count: { sql: `SELECT count(*) AS n FROM supervision s ${where.where}`, params: where.params },
    ...(filterIndex
      ? { fewPage: pageOf(`SELECT ${COLUMNS} FROM supervision s INDEXED BY ${filterIndex}`, where, orderBy('s', filter, dates), filter) }
      : {}),
  };
}
