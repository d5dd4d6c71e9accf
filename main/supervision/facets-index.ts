import type { SupervisionFacets } from '../../core/ipc/supervision';
import { Light, SupervisionStatus } from '../../core/supervision/model';
import { lightCode, type DashboardRows } from './dashboard-index';
import type { LightDates } from './list-query';

type Facet = { value: string; count: number };

// SQLite's order of TEXT (BINARY): by UTF-8 bytes, which is code point order.
const byText = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

/**
 * The 督办 list's facets (the filter menus' counts) from the rows the 一屏通览 holds in memory
 * (DashboardIndex, kept current per changed record) instead of a GROUP BY per facet over every
 * row: one loop, ~100,000 items in a few milliseconds. Same answers as the SQL
 * (SupervisionRepository.facetsBySql, the reference the test compares with): sections in the
 * order of their first item, units by count then name (a unit once per item and role), statuses
 * and lights in their enum order, each light by lightSql's rule (lightCode).
 */
export function facetsOf(rows: DashboardRows, dates: LightDates): SupervisionFacets {
  // Counts in typed arrays indexed by the interned section, status and unit numbers: no Map per row.
  const sectionCount = new Int32Array(rows.sections.length);
  const sectionFirst = new Float64Array(rows.sections.length).fill(Infinity);
  const leadCount = new Int32Array(rows.units.length);
  const responsibleCount = new Int32Array(rows.units.length);
  const statusCount = new Int32Array(rows.statuses.length);
  const lightCount = [0, 0, 0, 0];
  const countUnits = (list: number[], counts: Int32Array) => {
    for (let k = 0; k < list.length; k++) {
      const u = list[k]!;
      // A unit named twice in one list counts once (as supervision_units keeps one row).
      let again = false;
      for (let j = 0; j < k && !again; j++) again = list[j] === u;
      if (!again) counts[u]! += 1;
    }
  };
  for (let i = 0; i < rows.n; i++) {
    const s = rows.section[i]!;
    sectionCount[s]! += 1;
    if (rows.ord[i]! < sectionFirst[s]!) sectionFirst[s] = rows.ord[i]!;
    countUnits(rows.lead[i]!, leadCount);
    countUnits(rows.responsible[i]!, responsibleCount);
    statusCount[rows.status[i]!]! += 1;
    lightCount[lightCode(rows, i, dates)]! += 1;
  }
  const units = (counts: Int32Array): Facet[] => {
    const out: Facet[] = [];
    counts.forEach((count, u) => count > 0 && out.push({ value: rows.units[u]!, count }));
    return out.sort((a, b) => b.count - a.count || byText(a.value, b.value));
  };
  const sections: Array<Facet & { first: number }> = [];
  sectionCount.forEach((count, s) => count > 0 && sections.push({ value: rows.sections[s]!, count, first: sectionFirst[s]! }));
  const statuses: SupervisionFacets['statuses'] = [];
  statusCount.forEach((count, s) => {
    const parsed = SupervisionStatus.safeParse(rows.statuses[s]);
    if (count > 0 && parsed.success) statuses.push({ value: parsed.data, count });
  });
  return {
    sections: sections.sort((a, b) => a.first - b.first || byText(a.value, b.value)).map(({ value, count }) => ({ value, count })),
    leads: units(leadCount),
    responsibles: units(responsibleCount),
    statuses: statuses.sort((a, b) => SupervisionStatus.options.indexOf(a.value) - SupervisionStatus.options.indexOf(b.value)),
    lights: Light.options.map((value, code) => ({ value, count: lightCount[code]! })).filter((f) => f.count > 0),
  };
}
