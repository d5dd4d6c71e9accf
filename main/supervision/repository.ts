import type { Database, Statement } from 'better-sqlite3';
import type { Unit } from '../../core/directory/model';
import { classifyUnit, unitAliases } from '../../core/directory/units';
import type { SupervisionFacets } from '../../core/ipc/contract';
import {
  SupervisionFilter,
  SupervisionStatus,
  type SupervisionFilterInput,
  type SupervisionPage,
  type SupervisionRow,
} from '../../core/supervision/model';
import { parseQuery, toFtsMatch } from '../../core/text/search-tokens';
import { planList, type TextFilter } from './list-query';

interface RowData {
  id: string;
  code: string;
  title: string;
  section: string;
  subsection: string;
  ord: number;
  lead: string;
  responsible: string;
  deadline: string | null;
  status: string;
  conflict: number;
  progress_note: string;
  source_id: string | null;
  updated_at: string;
}

const toRow = (r: RowData): SupervisionRow => ({
  id: r.id,
  code: r.code,
  title: r.title,
  section: r.section,
  subsection: r.subsection,
  order: r.ord,
  lead: JSON.parse(r.lead) as string[],
  responsible: JSON.parse(r.responsible) as string[],
  deadline: r.deadline,
  status: SupervisionStatus.catch('in_progress').parse(r.status),
  conflict: r.conflict !== 0,
  progressNote: r.progress_note,
  sourceId: r.source_id,
  updatedAt: r.updated_at,
});

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

  list(input: SupervisionFilterInput = {}): SupervisionPage {
    const filter = SupervisionFilter.parse(input);
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
    const plan = planList(filter, text);
    const total = text && textOnly(filter) ? matches : this.countOf(plan.count.sql, plan.count.params);
    if (total === 0) return { rows: [], total: 0 };
    const page = plan.fewPage && total <= this.fewRows ? plan.fewPage : plan.page;
    const rows = this.statement(page.sql).all(...page.params) as RowData[];
    return { rows: rows.map(toRow), total };
  }

  facets(): SupervisionFacets {
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
        .map((f) => ({ value: f.value.data as SupervisionStatus, count: f.count })),
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
