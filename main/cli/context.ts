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

/** The profile named by `--data` (or OA_DATA_DIR), locked and open, with the way to close it. */
function openProfile(args: ParsedArgs): { store: Store; dir: string; close: () => void } {
  const flag = stringFlag(args, 'data');
  if (!flag && !process.env.OA_DATA_DIR) throw new UsageError('需要 --data DIR(或设置 OA_DATA_DIR)');
  const dir = resolveDataDir({ flag });
  const lock = ProfileLock.acquire(dir);
  try {
    const store = Store.open({ dir });
    return {
      store,
      dir,
      close: () => {
        store.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Opens the profile named by `--data` (or OA_DATA_DIR) for one command, then closes it. */
export function withStore<T>(args: ParsedArgs, run: (store: Store) => T): T {
  const profile = openProfile(args);
  try {
    return run(profile.store);
  } finally {
    profile.close();
  }
}

/** withStore for a command that awaits (rendering a PDF) while the profile is open. */
export async function withStoreAsync<T>(args: ParsedArgs, run: (store: Store, dir: string) => Promise<T>): Promise<T> {
  const profile = openProfile(args);
  try {
    return await run(profile.store, profile.dir);
  } finally {
    profile.close();
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof AppError) return `${err.message} [${err.code}]`;
  return err instanceof Error ? err.message : String(err);
}
