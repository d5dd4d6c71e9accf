import { normalizeDigits } from '../text/normalize';
import type { UnitKind } from './model';

/** The six districts of Xiamen; 各区 in a 责任单位 list means each of them. */
export const DISTRICTS = ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'] as const;
export type District = (typeof DISTRICTS)[number];
const DISTRICT_SET: ReadonlySet<string> = new Set(DISTRICTS);

/** Words that mean "every district"; they are expanded so each district is supervised on its own. */
const ALL_DISTRICTS: ReadonlySet<string> = new Set(['各区', '各区政府', '各区人民政府']);

/**
 * Collective names (市直各部门, 各审批服务部门, 有关单位…) stay one entry: they name no single
 * office, so they cannot be expanded, but they must not be mistaken for a unit either.
 */
const GROUP = /^(各|有关|相关|其他)|各(部门|单位|有关|级|委|机构|开发区)/;

export interface DirectoryUnit {
  name: string;
  kind: UnitKind;
  aliases: string[];
}

/**
 * One spelling per unit: halfwidth brackets (the form the seed file uses), halfwidth digits,
 * no whitespace. A district's government (海沧区政府, 海沧区人民政府) is the district itself,
 * so it files under the same directory entry as the expanded 各区.
 */
export function canonicalUnitName(name: string): string {
  const s = normalizeDigits(name).replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  const government = /^(.+区)(?:人民)?政府$/.exec(s);
  if (government?.[1] !== undefined && DISTRICT_SET.has(government[1])) return government[1];
  return UNIT_ALIASES.get(s) ?? s;
}

/**
 * Other names of one body (一个机构两块牌子, short forms) → the name the directory files it under.
 * 市工信局 is 厦门市工业和信息化局, which also bears the plate 厦门市大数据管理局: the seed names it
 * 市工信局(大数据局) for data work and 市工信局 for manufacturing (二(二)); it is one office with one
 * contact, so both resolve to one unit (core/directory/README.md).
 */
export const UNIT_ALIASES: ReadonlyMap<string, string> = new Map([
  ['市工信局', '市工信局(大数据局)'],
  ['市工业和信息化局', '市工信局(大数据局)'],
  ['市大数据局', '市工信局(大数据局)'],
  ['市大数据管理局', '市工信局(大数据局)'],
  ['大数据局', '市工信局(大数据局)'],
]);

/** Two names of the same unit (after canonical spelling and aliases). */
export const sameUnit = (a: string, b: string): boolean => a === b || canonicalUnitName(a) === canonicalUnitName(b);

/** '各区' -> the six districts; any other name -> [name]. */
export function expandUnitGroup(name: string): string[] {
  return ALL_DISTRICTS.has(canonicalUnitName(name)) ? [...DISTRICTS] : [name];
}

export function classifyUnit(name: string): UnitKind {
  const canonical = canonicalUnitName(name);
  if (DISTRICT_SET.has(canonical)) return 'district';
  return GROUP.test(canonical) ? 'group' : 'unit';
}

/**
 * Other names the unit is known by, for search and filters: the bracketed name at the end
 * (市工信局(大数据局) -> 大数据局) and a district's government. Brackets in the middle of a
 * name (中国移动(厦门)数据中心) are part of the name, not an alias.
 */
export function unitAliases(name: string): string[] {
  const canonical = canonicalUnitName(name);
  const aliases: string[] = [];
  const bracketed = /^[^()]+\(([^()]+)\)$/.exec(canonical);
  if (bracketed?.[1]) aliases.push(bracketed[1]);
  for (const [alias, unit] of UNIT_ALIASES) if (unit === canonical && !aliases.includes(alias)) aliases.push(alias);
  if (DISTRICT_SET.has(canonical)) aliases.push(`${canonical}政府`, `${canonical}人民政府`);
  return aliases;
}

/** Canonical, expanded, deduplicated directory entries in first-seen order. */
export function buildDirectory(names: Iterable<string>): DirectoryUnit[] {
  const units = new Map<string, DirectoryUnit>();
  for (const raw of names) {
    for (const name of expandUnitGroup(canonicalUnitName(raw))) {
      if (name === '' || units.has(name)) continue;
      units.set(name, { name, kind: classifyUnit(name), aliases: unitAliases(name) });
    }
  }
  return [...units.values()];
}
