import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/result';
import { MIGRATIONS, type Migration } from './migrations';

export const schemaVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the file to `target` (default: latest), one transaction per migration so an
 * interrupted upgrade resumes at the last completed step. A file written by a newer version
 * is refused untouched rather than guessed at.
 */
export function migrate(db: Database, opts: { target?: number; migrations?: readonly Migration[] } = {}): number {
  const migrations = opts.migrations ?? MIGRATIONS;
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${index + 1}`);
  });
  const target = opts.target ?? migrations.length;
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new AppError(
      'STORE_UNAVAILABLE',
      `数据文件由更新版本的协同办公创建(版本 ${current}),请升级本程序后再打开`,
    );
  }
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      m.up(db);
      // user_version lives in the file header and is written as part of this transaction.
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
