import { AppError } from '../../core/result';
import { isCorruption } from '../../node-shared/sqlite-health';

/**
 * STORE_CORRUPT naming the file and what to do. The file is never repaired or replaced here:
 * whatever can still be read is the user's evidence and the administrator's starting point.
 */
export function corruptStore(file: string, detail: string, sqlite = 'SQLITE_CORRUPT'): AppError {
  return new AppError(
    'STORE_CORRUPT',
    `数据文件已损坏:${file}(${detail})。该文件保持原样,未做任何修改。请退出协同办公,先复制备份该文件,再请系统管理员修复(sqlite3 的 .recover)或从备份恢复;` +
      '已登录同步服务器的,也可改用新的数据目录重新登录,服务器上的记录会重新同步到本机(尚未同步的本机修改可能丢失)。',
    { sqlite },
  );
}

/** SQLite result codes (extended codes keep the primary code as prefix, e.g. SQLITE_BUSY_SNAPSHOT). */
const sqliteCode = (err: unknown): string | null => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
};

/**
 * Maps SQLite failures to the error codes the UI knows; anything else is returned unchanged.
 * The file path is in the message because the user (or the help desk) has to find the file.
 */
export function toStoreError(err: unknown, file: string): unknown {
  if (err instanceof AppError) return err;
  const code = sqliteCode(err);
  if (!code) return err;
  const detail = err instanceof Error ? err.message : code;
  if (isCorruption(err)) return corruptStore(file, detail, code);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('STORE_LOCKED', `数据文件正被其他程序使用:${file}`, { sqlite: code });
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new AppError('STORE_UNAVAILABLE', `磁盘空间不足,无法保存:${file}`, { sqlite: code });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_PERM')) {
    return new AppError('STORE_UNAVAILABLE', `无法读写数据文件:${detail}(${file})`, { sqlite: code });
  }
  return err;
}

/** Runs `fn`, rethrowing SQLite failures as AppErrors. */
export function withStoreErrors<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, file);
  }
}
