import { seededRandom } from '../../core/testing/seeded-random';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar/iso-date';
import { onTimeOf, periodOf } from '../../core/supervision/dashboard';
import { itemLight } from '../../core/supervision/item-light';
import { Light, SupervisionStatus } from '../../core/supervision/model';
import { AREAS } from '../../core/areas';
import { migrateAreas } from '../store/area-migrate';
import { openDatabase } from '../store/open-db';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { SupervisionDashboard } from './dashboard';
import { SupervisionRepository } from './repository';
import { NO_DEADLINE_KEY } from '../../core/supervision/area-projection';
import { lightInputsOf, type RowData } from './rows';

afterEach(() => removeTempDirs());

const prng = seededRandom;

const SEED = Number(process.env.DASHBOARD_SEED ?? 20221128);
const TODAY = '2022-09-30';
const UNITS = ['市审批管理局', '市工信局', '市信息中心', '市信息集团', '市公安局', '市财政局', '思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'];
const SECTIONS = ['一、数字政府', '二、数字经济', '三、数据资源', '四、数字社会', ''];

interface Item extends RowData {
  rid: number;
  done: number;
  deadline_key: string;
}

function randomItems(db: Database, n: number, random: () => number): Item[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const some = (max: number) => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(UNITS)))];
  const near = (span: number) => addDays(TODAY, Math.floor(random() * span * 2) - span);
  const maybe = (p: number, make: () => string) => (random() < p ? make() : null);
  const insert = db.prepare(`INSERT INTO supervision(rid, id, code, title, section, subsection, ord, lead, responsible,
    deadline, deadline_key, status, conflict, progress_note, source_id, updated_at, deadline_phrase, extended_deadline,
    extension_pending, ack_key, report_key, milestone_key, milestone_id, milestone_title, completed_at, done, progress, parent_id)
    VALUES (@rid, @id, @code, @title, @section, '', @ord, @lead, @responsible, @deadline, @deadline_key, @status, 0, '',
    NULL, '2022-05-08', '', @extended_deadline, 0, @ack_key, @report_key, @milestone_key, @milestone_id, '', @completed_at,
    @done, 0, NULL)`);
  const unit = db.prepare(`INSERT INTO supervision_units(role, unit, rid, status, ord, deadline_key, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, '2022-05-08')`);
  const items: Item[] = [];
  for (let rid = 1; rid <= n; rid++) {
    const status = pick(SupervisionStatus.options);
    const finished = status === 'completed' || status === 'closed';
    const deadline = maybe(0.85, () => near(120));
    const extended = deadline ? maybe(0.15, () => addDays(deadline, Math.floor(random() * 30))) : null;
    const completedAt = finished ? near(300) : null;
    const milestone = maybe(0.2, () => near(30));
    const row = {
      rid,
      id: `item-${rid}`,
      code: String(rid),
      title: `事项${rid}`,
      section: pick(SECTIONS),
      ord: Math.floor(random() * n),
      lead: JSON.stringify(some(2)),
      responsible: JSON.stringify(some(3)),
      deadline,
      deadline_key: extended ?? deadline ?? NO_DEADLINE_KEY,
      status,
      extended_deadline: extended,
      ack_key: maybe(0.3, () => near(20)) ?? NO_DEADLINE_KEY,
      report_key: maybe(0.4, () => near(30)) ?? NO_DEADLINE_KEY,
      milestone_key: milestone ?? NO_DEADLINE_KEY,
      milestone_id: milestone ? 'm1' : '',
      completed_at: completedAt,
      done: completedAt ? 1 : 0,
    };
    insert.run(row);
    for (const u of JSON.parse(row.lead) as string[]) unit.run('lead', u, rid, status, row.ord, row.deadline_key);
    for (const u of JSON.parse(row.responsible) as string[]) unit.run('responsible', u, rid, status, row.ord, row.deadline_key);
    items.push({
      ...row,
      subsection: '',
      conflict: 0,
      progress_note: '',
      source_id: null,
      updated_at: '2022-05-08',
      deadline_phrase: '',
      extension_pending: 0,
      milestone_title: '',
      progress: 0,
      parent_id: null,
    });
  }
  return items;
}

const inc = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

describe('一屏通览 aggregates', () => {
  it('equal a brute-force count over 10,000 random items', () => {
    console.log(`dashboard brute-force seed: ${SEED} (DASHBOARD_SEED=… to replay)`);
    const db = openDatabase(tempDir());
    // The 督办 tables are the area's own (its migrations, as Store.open runs them).
    migrateAreas(db, AREAS);
    db.pragma('foreign_keys = OFF');
    const items = db.transaction(() => randomItems(db, 10_000, prng(SEED)))();
    const dashboard = new SupervisionDashboard(db);
    const clock = { today: TODAY, warnWorkingDays: 3 };

    const lights = new Map<string, Light>();
    for (const item of items) lights.set(item.id, itemLight(lightInputsOf(item), TODAY, { warnWorkingDays: 3 }).light);
    const lightOf = (item: Item) => lights.get(item.id) as Light;

    for (const trend of ['month', 'week'] as const) {
      const view = dashboard.view({ trend, overdueLimit: 50 }, clock);
      expect(view.total).toBe(items.length);

      const byStatus = new Map<string, number>();
      const byLight = new Map<string, number>();
      const bySection = new Map<string, number>();
      const byLead = new Map<string, number>();
      const byResponsible = new Map<string, number>();
      for (const item of items) {
        const light = lightOf(item);
        inc(byStatus, item.status);
        inc(byLight, light);
        inc(bySection, `${item.section}|${light}`);
        for (const u of JSON.parse(item.lead) as string[]) inc(byLead, `${u}|${light}`);
        for (const u of JSON.parse(item.responsible) as string[]) inc(byResponsible, `${u}|${light}`);
      }
      expect(new Map(view.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]))).toEqual(byStatus);
      expect(new Map(view.byLight.filter((s) => s.count > 0).map((s) => [s.light, s.count]))).toEqual(byLight);
      const flatten = (groups: typeof view.bySection) => {
        const m = new Map<string, number>();
        for (const g of groups) {
          expect(g.total).toBe(g.red + g.yellow + g.green + g.none);
          for (const l of Light.options) if (g[l] > 0) m.set(`${g.key}|${l}`, g[l]);
        }
        return m;
      };
      expect(flatten(view.bySection)).toEqual(bySection);
      expect(flatten(view.byLead)).toEqual(byLead);
      expect(flatten(view.byResponsible)).toEqual(byResponsible);

      const red = items
        .filter((i) => lightOf(i) === 'red')
        .sort((a, b) => (a.deadline_key < b.deadline_key ? -1 : a.deadline_key > b.deadline_key ? 1 : a.ord - b.ord || a.rid - b.rid));
      expect(view.overdue.total).toBe(red.length);
      expect(view.overdue.rows.map((r) => r.id)).toEqual(red.slice(0, 50).map((r) => r.id));

      const ranking = new Map<string, { assessed: number; onTime: number }>();
      for (const item of items) {
        const lead = JSON.parse(item.lead) as string[];
        const units = lead.length > 0 ? lead : (JSON.parse(item.responsible) as string[]);
        const r = onTimeOf({ deadlineAssessed: item.extended_deadline ?? item.deadline, completedAt: item.completed_at }, TODAY);
        for (const u of units) {
          const c = ranking.get(u) ?? { assessed: 0, onTime: 0 };
          if (r.assessed) c.assessed += 1;
          if (r.onTime) c.onTime += 1;
          ranking.set(u, c);
        }
      }
      expect(new Map(view.ranking.rows.map((r) => [r.unit, { assessed: r.assessed, onTime: r.onTime }]))).toEqual(
        new Map([...ranking].filter(([, c]) => c.assessed > 0)),
      );
      const rates = view.ranking.rows.map((r) => r.rate);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));

      const completions = new Map<string, number>();
      for (const item of items) if (item.completed_at) inc(completions, periodOf(item.completed_at, trend));
      const shown = new Map(view.trend.points.map((p) => [p.period, p.count]));
      for (const [period, count] of shown) expect(count, period).toBe(completions.get(period) ?? 0);
      const window = view.trend.points[0]?.period ?? '';
      expect([...completions].filter(([p]) => p >= window).length).toBe(view.trend.points.filter((p) => p.count > 0).length);
    }
    db.close();
  });

  it('gives the 督办 list the same facets as a GROUP BY per facet, for several days and after changes', () => {
    console.log(`facets seed: ${SEED} (DASHBOARD_SEED=… to replay)`);
    const db = openDatabase(tempDir());
    migrateAreas(db, AREAS);
    db.pragma('foreign_keys = OFF');
    const random = prng(SEED + 1);
    db.transaction(() => randomItems(db, 3_000, random))();
    const dashboard = new SupervisionDashboard(db);
    const sql = new SupervisionRepository(db);
    const compare = () => {
      for (const today of [TODAY, addDays(TODAY, -60), addDays(TODAY, 45)]) {
        for (const warnWorkingDays of [0, 3, 10]) {
          const clock = { today, warnWorkingDays };
          expect(dashboard.facets(clock), `${today} ${warnWorkingDays}`).toEqual(sql.facets(clock));
        }
      }
    };
    compare();
    // Rows change (status, section, a unit named twice, one removed): the rows held follow.
    db.prepare("UPDATE supervision SET status = 'closed', done = 1, completed_at = ? WHERE rid % 7 = 0").run(TODAY);
    db.prepare("UPDATE supervision SET section = '五、新栏目', ord = -1 WHERE rid = 11").run();
    db.prepare(`UPDATE supervision SET lead = '["市财政局","市财政局"]' WHERE rid = 12`).run();
    db.prepare("DELETE FROM supervision_units WHERE rid = 12 AND role = 'lead'").run();
    db.prepare("INSERT INTO supervision_units(role, unit, rid, status, ord, deadline_key, updated_at) VALUES ('lead', '市财政局', 12, 'assigned', 0, '9999-12-31', '2022-05-08')").run();
    db.prepare('DELETE FROM supervision WHERE rid = 13').run();
    db.prepare('DELETE FROM supervision_units WHERE rid = 13').run();
    compare();
  });

  it('leaves the ranking out when the office switched it off, and remembers the switch', () => {
    const db = openDatabase(tempDir());
    // The 督办 tables are the area's own (its migrations, as Store.open runs them).
    migrateAreas(db, AREAS);
    db.pragma('foreign_keys = OFF');
    db.transaction(() => randomItems(db, 200, prng(7)))();
    const dashboard = new SupervisionDashboard(db);
    expect(dashboard.rankingEnabled()).toBe(true);
    dashboard.setRankingEnabled(false);
    const view = dashboard.view({}, { today: TODAY, warnWorkingDays: 3 });
    expect(view.ranking).toEqual({ enabled: false, rows: [] });
    expect(view.byLead.length).toBeGreaterThan(0);

    // A write since the last view is seen by the next one (the in-memory rows are rebuilt).
    const red = view.byLight.find((l) => l.light === 'red')?.count ?? 0;
    db.prepare(
      `UPDATE supervision SET done = 1, completed_at = '2022-09-01'
       WHERE rid = (SELECT rid FROM supervision WHERE done = 0 AND deadline_key < ? LIMIT 1)`,
    ).run(TODAY);
    const after = dashboard.view({}, { today: TODAY, warnWorkingDays: 3 });
    expect(after.byLight.find((l) => l.light === 'red')?.count).toBe(red - 1);
    expect(after.overdue.total).toBe(red - 1);
    db.close();
  });
});
