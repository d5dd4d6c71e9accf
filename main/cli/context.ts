import { AppError } from '../../core/result';
import { stringFlag, type ParsedArgs } from '../app/args';
import { resolveDataDir } from '../app/data-dir';
import { ProfileLock } from '../app/profile-lock';
import { Store } from '../store/store';

/** A usage error: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Opens the profile named by `--data` (or OA_DATA_DIR) for one command, then closes it. */
export function withStore<T>(args: ParsedArgs, run: (store: Store) => T): T {
  const flag = stringFlag(args, 'data');
  if (!flag && !process.env.OA_DATA_DIR) throw new UsageError('需要 --data DIR(或设置 OA_DATA_DIR)');
  const dir = resolveDataDir({ flag });
  const lock = ProfileLock.acquire(dir);
  let store: Store | undefined;
  try {
    store = Store.open({ dir });
    return run(store);
  } finally {
    store?.close();
    lock.release();
  }
}

/** withStore for a command that awaits (field encryption goes through the async crypto provider). */
export async function withStoreAsync<T>(args: ParsedArgs, run: (store: Store) => Promise<T>): Promise<T> {
  const flag = stringFlag(args, 'data');
  if (!flag && !process.env.OA_DATA_DIR) throw new UsageError('需要 --data DIR(或设置 OA_DATA_DIR)');
  const dir = resolveDataDir({ flag });
  const lock = ProfileLock.acquire(dir);
  let store: Store | undefined;
  try {
    store = Store.open({ dir });
    return await run(store);
  } finally {
    store?.close();
    lock.release();
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof AppError) return `${err.message} [${err.code}]`;
  return err instanceof Error ? err.message : String(err);
}
