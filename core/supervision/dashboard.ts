import { addDays, daysInMonth, isoWeekday, parseIsoDate, toDayNumber, type IsoDate } from '../calendar/iso-date';
import type { DashboardGroup, LightCounts, RankingRow, TrendGranularity, TrendPoint } from '../ipc/dashboard';
import type { Light } from './model';

/**
 * The pure parts of 一屏通览: folding per-(group, light) counts into groups, the on-time ranking,
 * and trend periods. main/supervision/dashboard.ts runs the SQL and hands the counts here.
 */

export const emptyLightCounts = (): LightCounts => ({ red: 0, yellow: 0, green: 0, none: 0, total: 0 });

export function addLight(counts: LightCounts, light: Light, n: number): void {
  counts[light] += n;
  counts.total += n;
}

/** Groups from `(key, light, n)` triples: the most items first, then red first, then by key. */
export function groupsOf(triples: Iterable<{ key: string; light: Light; n: number }>, order?: (a: string, b: string) => number): DashboardGroup[] {
  const byKey = new Map<string, DashboardGroup>();
  for (const { key, light, n } of triples) {
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { key, ...emptyLightCounts() }));
    addLight(group, light, n);
  }
  const cmp = order ?? ((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0));
  return [...byKey.values()].sort((a, b) => (order ? cmp(a.key, b.key) : b.total - a.total || b.red - a.red || cmp(a.key, b.key)));
}

/**
 * Whether an item counts for the on-time rate, and whether it was on time: an item is assessed
 * once it is done (办结 accepted), or past the deadline assessed; it was on time when done by that
 * deadline, or done with none (it could not be late). So 已办结 1 is never shown beside
 * 暂无可考核的事项.
 */
export function onTimeOf(
  item: { deadlineAssessed: IsoDate | null; completedAt: IsoDate | null },
  today: IsoDate,
): { assessed: boolean; onTime: boolean } {
  const d = item.deadlineAssessed;
  const done = item.completedAt !== null;
  if (!d) return { assessed: done, onTime: done };
  const assessed = done || d < today;
  return { assessed, onTime: assessed && done && (item.completedAt as string) <= d };
}

/** Units with at least one assessed item, by on-time rate, then by how many were assessed. */
export function rankingOf(counts: Iterable<{ unit: string; assessed: number; onTime: number }>): RankingRow[] {
  const byUnit = new Map<string, RankingRow>();
  for (const c of counts) {
    const row = byUnit.get(c.unit) ?? { unit: c.unit, assessed: 0, onTime: 0, rate: 0 };
    row.assessed += c.assessed;
    row.onTime += c.onTime;
    byUnit.set(c.unit, row);
  }
  return [...byUnit.values()]
    .filter((r) => r.assessed > 0)
    .map((r) => ({ ...r, rate: r.onTime / r.assessed }))
    .sort((a, b) => b.rate - a.rate || b.assessed - a.assessed || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** The period a completion date falls in: its month (2022-06) or its week's Monday. */
export function periodOf(date: IsoDate, granularity: TrendGranularity): string {
  if (granularity === 'month') return date.slice(0, 7);
  return addDays(date, 1 - isoWeekday(date));
}

function periodBounds(period: string, granularity: TrendGranularity): { from: IsoDate; to: IsoDate } {
  if (granularity === 'week') return { from: period, to: addDays(period, 6) };
  const ymd = parseIsoDate(`${period}-01`);
  if (!ymd) throw new Error(`not a month: ${period}`);
  return { from: `${period}-01`, to: `${period}-${String(daysInMonth(ymd.year, ymd.month)).padStart(2, '0')}` };
}

function nextPeriod(period: string, granularity: TrendGranularity): string {
  if (granularity === 'week') return addDays(period, 7);
  return periodOf(addDays(periodBounds(period, 'month').to, 1), 'month');
}

/**
 * A continuous series from the first period with a completion to the last (or today's period,
 * whichever is later), gaps as 0, at most `max` points (the most recent).
 */
export function trendOf(
  counts: ReadonlyMap<string, number>,
  granularity: TrendGranularity,
  today: IsoDate,
  max = granularity === 'month' ? 24 : 26,
): TrendPoint[] {
  if (counts.size === 0) return [];
  const keys = [...counts.keys()].sort();
  const current = periodOf(today, granularity);
  const last = (keys[keys.length - 1] as string) > current ? (keys[keys.length - 1] as string) : current;
  let first = keys[0] as string;
  // Jump close to the window's start instead of walking years of empty periods.
  if (granularity === 'week') {
    const span = (toDayNumber(last) - toDayNumber(first)) / 7;
    if (span >= max) first = addDays(last, -7 * (max - 1));
  } else {
    const [ly, lm] = last.split('-').map(Number) as [number, number];
    const [fy, fm] = first.split('-').map(Number) as [number, number];
    if ((ly - fy) * 12 + (lm - fm) >= max) {
      const start = ly * 12 + (lm - 1) - (max - 1);
      first = `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}`;
    }
  }
  const out: TrendPoint[] = [];
  for (let p = first; p <= last; p = nextPeriod(p, granularity)) {
    out.push({ period: p, ...periodBounds(p, granularity), count: counts.get(p) ?? 0 });
  }
  return out.slice(-max);
}
