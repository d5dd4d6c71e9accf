import { canonicalUnitName, DISTRICTS, unitAliases } from '../directory/units';

/**
 * 承办单位名录: the units a proposal may be assigned to — the municipal government's departments
 * and the districts, spelled as the directory spells them (core/directory/units.ts). The office
 * adds others in 设置 → 提案建议设置 (`extraUnits`). An import naming a unit outside the list is
 * refused: a misspelt unit would leave a proposal nobody can see.
 */
export const MUNICIPAL_UNITS: readonly string[] = [
  '市发改委', '市教育局', '市科技局', '市工信局(大数据局)', '市公安局', '市民政局', '市司法局', '市财政局',
  '市人社局', '市资源规划局', '市生态环境局', '市建设局', '市交通运输局', '市农业农村局', '市水利局', '市商务局',
  '市文旅局', '市卫健委', '市退役军人局', '市应急局', '市审计局', '市国资委', '市市场监管局', '市体育局',
  '市统计局', '市医保局', '市执法局', '市市政园林局', '市金融监管局', '市审批管理局', '市信访局', '市海洋发展局',
  '市港口局', '市地震局', '市气象局', '市税务局', '市通信管理局', '市住房局', '市民宗局', '市外办',
  '市档案局', '市信息中心', '市公积金中心', '市政府办公厅', ...DISTRICTS,
];

export interface UnitDirectory {
  /** The unit's name as the directory spells it, or null when it is not a known unit. */
  resolve(name: string): string | null;
  names(): string[];
}

/** Looks units up by their name, an alias (大数据局) or the name without its bracket (市工信局). */
export function unitDirectory(extra: readonly string[] = []): UnitDirectory {
  const byKey = new Map<string, string>();
  const all = [...new Set([...MUNICIPAL_UNITS, ...extra.map(canonicalUnitName)].filter(Boolean))];
  for (const name of all) {
    const keys = [name, ...unitAliases(name), name.replace(/\([^()]*\)$/, '')];
    for (const k of keys) if (!byKey.has(k)) byKey.set(k, name);
  }
  return {
    resolve: (name) => byKey.get(canonicalUnitName(name)) ?? null,
    names: () => [...all],
  };
}
