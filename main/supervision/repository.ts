import type { Database, Statement } from 'better-sqlite3';
import type { Unit } from '../../core/directory/model';
import { canonicalUnitName, classifyUnit, unitAliases } from '../../core/directory/units';
import { beijingDate } from '../../core/calendar/iso-date';
import type { ChildRow, DoneView, SupervisionFacets, TodoView } from '../../core/ipc/supervision';
import { DEFAULT_WARN_WORKING_DAYS, lightThresholds } from '../../core/supervision/item-light';
import {
  Light,
  SupervisionFilter,
  SupervisionStatus,
  type SupervisionFilterInput,
  type SupervisionPage,
} from '../../core/supervision/model';
import { parseQuery, toFtsMatch } from '../../core/text/search-tokens';
import type { Store } from '../store/store';
import { doneBy, todoFor } from './inbox';
import { COLUMNS, lightSql, planList, type LightDates, type TextFilter } from './list-query';
import { toRow, type RowContext, type RowData } from './rows';
import { rollUp } from './tree';

/** The day lists are computed for: the light depends on it. */
export interface ListClock {
  /** Today, YYYY-MM-DD (Beijing). Default: the machine's clock. */
  today?: string;
  warnWorkingDays?: number;
}

type Facet = { value: string; count: number };

/**
 * Up to this many matching rows (text matches, or rows left by section/status), a page is
 * fetched from the matches and sorted instead of walking a sort index.
 */
const FEW_ROWS = 3000;

export interface SupervisionRepositoryOptions {
  /** Tests set it to 0 or Infinity to force one kind of plan. */
  fewRows?: number;
}

/** With only a text filter the total is the index's own count of supervision matches. */
const textOnly = (f: SupervisionFilter) =>
  f.section === undefined && f.status === undefined && f.lead === undefined && f.responsible === undefined;

/** Queries over the 督办 projection tables: what the list, its filters and the directory show. */
export class SupervisionRepository {
  /** Prepared per distinct filter shape; there are few (which filters are set × sort × direction). */
  private readonly statements = new Map<string, Statement>();

  private readonly fewRows: number;

  constructor(
    private readonly db: Database,
    opts: SupervisionRepositoryOptions = {},
  ) {
    this.fewRows = opts.fewRows ?? FEW_ROWS;
  }

  /**
   * The profile's database, for the read models built over this projection (一屏通览 and 通报 in
   * dashboard.ts/briefing.ts, notifications in main/notifications), which run in the store's
   * connection: the profile is opened with exclusive locking, so there is no second one.
   */
  get database(): Database {
    return this.db;
  }

  list(input: SupervisionFilterInput = {}, clock: ListClock = {}): SupervisionPage {
    const parsed = SupervisionFilter.parse(input);
    // A unit is filed under its directory name: 市工信局 finds the items of 市工信局(大数据局).
    const filter = {
      ...parsed,
      ...(parsed.lead === undefined ? {} : { lead: canonicalUnitName(parsed.lead) }),
      ...(parsed.responsible === undefined ? {} : { responsible: canonicalUnitName(parsed.responsible) }),
    };
    const { ctx, dates } = this.clock(clock);
    let text: TextFilter | null = null;
    let matches = 0;
    if (filter.q?.trim()) {
      const expr = toFtsMatch(parseQuery(filter.q));
      // Nothing searchable (only punctuation) matches nothing, like a word that is nowhere.
      if (!expr) return { rows: [], total: 0 };
      const match = `(${expr}) AND ({kind} : supervision)`;
      matches = this.countOf('SELECT count(*) AS n FROM search WHERE search MATCH ?', [match]);
      if (matches === 0) return { rows: [], total: 0 };
      text = { match, few: matches <= this.fewRows };
    }
    const plan = planList(filter, text, dates);
    const total = text && textOnly(filter) ? matches : this.countOf(plan.count.sql, plan.count.params);
    if (total === 0) return { rows: [], total: 0 };
    const page = plan.fewPage && total <= this.fewRows ? plan.fewPage : plan.page;
    const rows = this.statement(page.sql).all(...page.params) as RowData[];
    const rolled = rollUp(this.db, rows.map((r) => r.id));
    return { rows: rows.map((r) => toRow(r, { ...ctx, rolled })), total };
  }

  /** Sub-tasks (分解) of an item, or the items of a 立项, in document order. */
  children(parentId: string, clock: ListClock = {}): ChildRow[] {
    const { ctx } = this.clock(clock);
    const rows = this.statement(`SELECT ${COLUMNS} FROM supervision s WHERE s.parent_id = ? ORDER BY s.ord, s.rid`).all(
      parentId,
    ) as RowData[];
    const rolled = rollUp(this.db, rows.map((r) => r.id));
    return rows.map((r) => toRow(r, { ...ctx, rolled }));
  }

  /** Progress of an item rolled up from its sub-tasks; null when it has none. */
  rolledProgress(id: string): number | null {
    return rollUp(this.db, [id]).get(id) ?? null;
  }

  todo(audiences: readonly string[], clock: ListClock = {}): TodoView[] {
    return todoFor(this.db, audiences, this.clock(clock).ctx);
  }

  done(login: string, clock: ListClock = {}): DoneView[] {
    return doneBy(this.db, login, this.clock(clock).ctx);
  }

  /**
   * The facets by SQL (a GROUP BY per facet over every row): the reference the in-memory facets
   * (facets-index.ts, what supervision.facets answers) are checked against, and what tools use.
   */
  facets(clock: ListClock = {}): SupervisionFacets {
    const { dates } = this.clock(clock);
    const facet = (sql: string, ...params: string[]) => this.statement(sql).all(...params) as Facet[];
    const units = (role: string) =>
      facet(
        'SELECT unit AS value, count(*) AS count FROM supervision_units WHERE role = ? GROUP BY unit ORDER BY count DESC, unit',
        role,
      );
    return {
      // In document order: by each section's first item (covered by supervision_by_section).
      sections: facet(
        'SELECT section AS value, count(*) AS count, min(ord) AS first FROM supervision GROUP BY section ORDER BY first, section',
      ).map(({ value, count }) => ({ value, count })),
      leads: units('lead'),
      responsibles: units('responsible'),
      statuses: facet('SELECT status AS value, count(*) AS count FROM supervision GROUP BY status ORDER BY status DESC')
        .map((f) => ({ value: SupervisionStatus.safeParse(f.value), count: f.count }))
        .filter((f) => f.value.success)
        .map((f) => ({ value: f.value.data as SupervisionStatus, count: f.count }))
        .sort((a, b) => SupervisionStatus.options.indexOf(a.value) - SupervisionStatus.options.indexOf(b.value)),
      lights: facet(`SELECT (${lightSql('s', dates)}) AS value, count(*) AS count FROM supervision s GROUP BY 1`)
        .map((f) => ({ value: Light.safeParse(f.value), count: f.count }))
        .filter((f) => f.value.success)
        .map((f) => ({ value: f.value.data as Light, count: f.count }))
        .sort((a, b) => Light.options.indexOf(a.value) - Light.options.indexOf(b.value)),
    };
  }

  /** How many items were created from the given 收文. */
  linkedTo(sourceId: string): number {
    return (this.statement('SELECT count(*) AS n FROM supervision WHERE source_id = ?').get(sourceId) as { n: number }).n;
  }

  /** The next free list position (new items go to the end). */
  nextOrder(): number {
    return (this.statement('SELECT coalesce(max(ord), -1) + 1 AS n FROM supervision').get() as { n: number }).n;
  }

  /** Every unit named by an item, with how many items it leads and shares (通讯录). */
  units(): Unit[] {
    // Grouped in the index's (role, unit) order, which needs no sort; merged per unit here.
    const rows = this.statement(
      'SELECT role, unit, count(*) AS n FROM supervision_units INDEXED BY supervision_units_by_order GROUP BY role, unit',
    ).all() as Array<{ role: 'lead' | 'responsible'; unit: string; n: number }>;
    const byUnit = new Map<string, { lead: number; responsible: number }>();
    for (const r of rows) {
      const counts = byUnit.get(r.unit) ?? { lead: 0, responsible: 0 };
      counts[r.role] = r.n;
      byUnit.set(r.unit, counts);
    }
    return [...byUnit]
      .sort(([a, ca], [b, cb]) => cb.lead + cb.responsible - (ca.lead + ca.responsible) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, counts]) => ({
        name,
        kind: classifyUnit(name),
        aliases: unitAliases(name),
        leadCount: counts.lead,
        responsibleCount: counts.responsible,
      }));
  }

  private clock(clock: ListClock): { ctx: RowContext; dates: LightDates } {
    const today = clock.today ?? beijingDate(new Date());
    const warnWorkingDays = clock.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS;
    return { ctx: { today, warnWorkingDays }, dates: lightThresholds(today, { warnWorkingDays }) };
  }

  private countOf(sql: string, params: unknown[]): number {
    return (this.statement(sql).get(...params) as { n: number }).n;
  }

  private statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

const makeRepository = (db: Database) => new SupervisionRepository(db);

/** The profile's 督办 repository (one per store). */
export const supervisionRepo = (store: Store): SupervisionRepository => store.use(makeRepository);
