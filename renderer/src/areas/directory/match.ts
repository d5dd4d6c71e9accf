import type { Unit } from '../../../../core/directory/model';

/** Client-side lookup in the directory: name or any alias contains the keyword. */
export function matchesUnit(unit: Pick<Unit, 'name' | 'aliases'>, keyword: string): boolean {
  const k = keyword.trim();
  if (!k) return true;
  return unit.name.includes(k) || unit.aliases.some((a) => a.includes(k));
}
