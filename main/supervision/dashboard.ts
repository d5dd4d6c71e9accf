import type { Database, Statement } from 'better-sqlite3';
import { toDayNumber } from '../../core/calendar/iso-date';
import type { DashboardQueryInput, DashboardView, OverdueRow } from '../../core/ipc/dashboard';
import { DashboardQuery } from '../../core/ipc/dashboard';
import { groupsOf, periodOf, rankingOf, trendOf } from '../../core/supervision/dashboard';
import { lightThresholds } from '../../core/supervision/item-light';
import { Light, SupervisionStatus } from '../../core/supervision/model';
import { statementCache } from '../store/statements';
import { DashboardIndex, lightCode, type ChangeSource } from './dashboard-index';
import { facetsOf } from './facets-index';
import type { SupervisionFacets } from '../../core/ipc/supervision';
import type { Store } from '../store/store';
import { NO_DEADLINE_KEY } from '../../core/supervision/area-projection';

/**
 * 一屏通览 over the 督办 projection, for today:
 *
 * - counts by status, light, section, lead and responsible unit, the on-time ranking and the
 *   completion trend: one loop over the rows held by DashboardIndex (one scan of `supervision`,
 *   then kept current per changed record), with lightSql's rule on the stored keys — so the
 *   counts agree with the list's light filter, which is what a drill-down opens;
 * - the overdue rows: SQL through the (done, deadline_key) index.
 *
 * Ranking: a unit's on-time rate over the items it leads (牵头), or is responsible for when an
 * item names no 牵头 unit (core/supervision/README.md "lead unit"). Assessed = done, or past its
 * deadline; on time = 办结 accepted by the deadline assessed, or done without one. Switched off, it is not
 * computed at all.
 */

/** Where the ranking switch lives in the profile (the `meta` table). */
export const RANKING_META_KEY = 'dashboard.ranking';

export interface DashboardClock {
  today: string;
  warnWorkingDays: number;
}


export class SupervisionDashboard {
  private readonly stmt: (sql: string) => Statement;

  private readonly index: DashboardIndex;

  /** `changed`: the store's onChange, so the rows held follow each write per record (dashboard-index.ts). */
  constructor(
    db: Database,
    changed?: ChangeSource,
  ) {
    this.index = new DashboardIndex(db, changed);
    this.stmt = statementCache(db);
  }

  /** Rows read from the projection so far (tests, benchmark). */
  get stats(): DashboardIndex['stats'] {
    return this.index.stats;
  }

  /** The 督办 list's facets from the rows held (facets-index.ts): no GROUP BY over every row. */
  facets(clock: DashboardClock): SupervisionFacets {
    return facetsOf(this.index.current(), lightThresholds(clock.today, { warnWorkingDays: clock.warnWorkingDays }));
  }

  rankingEnabled(): boolean {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(RANKING_META_KEY) as { value: string } | undefined;
    return row?.value !== '0';
  }

  setRankingEnabled(enabled: boolean): void {
    this.index.unrelatedWrite(() => {
      this.stmt('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(RANKING_META_KEY, enabled ? '1' : '0');
    });
  }

  /**
   * A write of a setting, which changes no row: the rows held stay current. (The light is not
   * held: it is computed per request from the stored keys and the thresholds of the day.)
   */
  unrelatedWrite(write: () => void): void {
    this.index.unrelatedWrite(write);
  }

  view(input: DashboardQueryInput, clock: DashboardClock): DashboardView {
    const query = DashboardQuery.parse(input);
    const dates = lightThresholds(clock.today, { warnWorkingDays: clock.warnWorkingDays });
    const rows = this.index.current();
    const rankingEnabled = this.rankingEnabled();
    const L = 4;
    const lightTotals = new Array<number>(L).fill(0);
    const statusCounts = new Array<number>(rows.statuses.length).fill(0);
    const sectionCounts = new Array<number>(rows.sections.length * L).fill(0);
    const sectionFirst = new Array<number>(rows.sections.length).fill(Infinity);
    const leadCounts = new Array<number>(rows.units.length * L).fill(0);
    const respCounts = new Array<number>(rows.units.length * L).fill(0);
    const assessedBy = new Array<number>(rows.units.length).fill(0);
    const onTimeBy = new Array<number>(rows.units.length).fill(0);
    const trendCounts = new Map<string, number>();
    const weekOf = new Map<string, string>();
    const today = dates.today;
    for (let i = 0; i < rows.n; i++) {
      const light = lightCode(rows, i, dates);
      lightTotals[light] = (lightTotals[light] as number) + 1;
      const st = rows.status[i] as number;
      statusCounts[st] = (statusCounts[st] as number) + 1;
      const sec = rows.section[i] as number;
      sectionCounts[sec * L + light] = (sectionCounts[sec * L + light] as number) + 1;
      if ((rows.ord[i] as number) < (sectionFirst[sec] as number)) sectionFirst[sec] = rows.ord[i] as number;
      const lead = rows.lead[i] as number[];
      const resp = rows.responsible[i] as number[];
      for (const u of lead) leadCounts[u * L + light] = (leadCounts[u * L + light] as number) + 1;
      for (const u of resp) respCounts[u * L + light] = (respCounts[u * L + light] as number) + 1;
      const done = rows.done[i] === 1;
      const completed = rows.completed[i] ?? null;
      if (rankingEnabled) {
        const d = rows.deadline[i] as string;
        // Same rule as onTimeOf: a finished item counts even without a deadline (it cannot be late).
        if (done || (d !== NO_DEADLINE_KEY && d < today)) {
          const onTime = done && completed !== null && (d === NO_DEADLINE_KEY || completed <= d);
          for (const u of lead.length > 0 ? lead : resp) {
            assessedBy[u] = (assessedBy[u] as number) + 1;
            if (onTime) onTimeBy[u] = (onTimeBy[u] as number) + 1;
          }
        }
      }
      if (done && completed) {
        let p: string | undefined;
        if (query.trend === 'month') p = completed.slice(0, 7);
        else if ((p = weekOf.get(completed)) === undefined) weekOf.set(completed, (p = periodOf(completed, 'week')));
        trendCounts.set(p, (trendCounts.get(p) ?? 0) + 1);
      }
    }

    const triples = (counts: number[], keys: readonly string[]) => {
      const out: Array<{ key: string; light: Light; n: number }> = [];
      keys.forEach((key, k) => {
        Light.options.forEach((light, l) => {
          const n = counts[k * L + l] as number;
          if (n > 0) out.push({ key, light, n });
        });
      });
      return out;
    };
    const sectionRank = new Map(rows.sections.map((s, k) => [s, sectionFirst[k] as number]));
    const byStatus = new Map(rows.statuses.map((s, k) => [s, statusCounts[k] as number]));
    const ranking = rankingEnabled
      ? rankingOf(rows.units.map((unit, u) => ({ unit, assessed: assessedBy[u] as number, onTime: onTimeBy[u] as number })))
      : [];

    const overdueRows = this.stmt(
      `SELECT id, code, title, section, lead, responsible, deadline_key FROM supervision s
       WHERE s.done = 0 AND s.deadline_key < ? ORDER BY s.deadline_key, s.ord, s.rid LIMIT ?`,
    ).all(dates.today, query.overdueLimit) as Array<{
      id: string;
      code: string;
      title: string;
      section: string;
      lead: string;
      responsible: string;
      deadline_key: string;
    }>;
    const todayNumber = toDayNumber(dates.today);
    const overdue: OverdueRow[] = overdueRows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      section: r.section,
      lead: JSON.parse(r.lead) as string[],
      responsible: JSON.parse(r.responsible) as string[],
      deadline: r.deadline_key,
      daysOverdue: todayNumber - toDayNumber(r.deadline_key),
    }));

    return {
      today: dates.today,
      total: rows.n,
      byStatus: SupervisionStatus.options.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
      byLight: Light.options.map((light, l) => ({ light, count: lightTotals[l] as number })),
      byLead: groupsOf(triples(leadCounts, rows.units)),
      byResponsible: groupsOf(triples(respCounts, rows.units)),
      bySection: groupsOf(triples(sectionCounts, rows.sections), (a, b) => (sectionRank.get(a) ?? 0) - (sectionRank.get(b) ?? 0)),
      overdue: { total: lightTotals[0] as number, rows: overdue },
      trend: { granularity: query.trend, points: trendOf(trendCounts, query.trend, dates.today) },
      ranking: { enabled: rankingEnabled, rows: ranking },
    };
  }
}

const makeDashboard = (db: Database, store: Store) => new SupervisionDashboard(db, (listener) => store.onChange(listener));

/**
 * The profile's one 一屏通览 model (one per store): the dashboard and the 督办 list's facets read
 * the same rows held in memory, kept current per changed record.
 */
export const supervisionDashboard = (store: Store): SupervisionDashboard => store.use(makeDashboard);
