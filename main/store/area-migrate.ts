import type { Database } from 'better-sqlite3';
import type { AreaRegistry } from '../../core/kernel/registry';
import { AppError } from '../../core/result';
import { requestReindex } from './migrations/types';

/**
 * Runs each area's own projection migrations (core/kernel/area.ts `projection.migrations`, DDL;
 * version = index + 1) after the store's migrations, tracked per area in `area_schema(kind,
 * version)`. One transaction per step with its version bump, like the store's migrations; a
 * profile written by a newer version of an area is refused untouched. A step changes derived
 * tables, so it asks for a rebuild from the log and the events.
 */
export function migrateAreas(db: Database, registry: AreaRegistry, target?: ReadonlyMap<string, number>): void {
  const current = db.prepare('SELECT version FROM area_schema WHERE kind = ?').pluck();
  const bump = db.prepare('INSERT OR REPLACE INTO area_schema(kind, version) VALUES (?, ?)');
  for (const area of registry.areas) {
    const steps = area.projection?.migrations ?? [];
    const version = (current.get(area.kind) as number | undefined) ?? 0;
    if (version > steps.length) {
      throw new AppError('STORE_UNAVAILABLE', `数据文件中“${area.label}”的数据由更新版本的协同办公创建(版本 ${version}),请升级本程序后再打开`);
    }
    const until = Math.min(steps.length, target?.get(area.kind) ?? steps.length);
    steps.slice(version, until).forEach((sql, i) => {
      db.transaction(() => {
        db.exec(sql);
        bump.run(area.kind, version + i + 1);
        requestReindex(db);
      })();
    });
  }
}

/** The schema version of each area in this profile (0: none of its tables yet). */
export function areaVersions(db: Database): Map<string, number> {
  const rows = db.prepare('SELECT kind, version FROM area_schema').all() as Array<{ kind: string; version: number }>;
  return new Map(rows.map((r) => [r.kind, r.version]));
}
