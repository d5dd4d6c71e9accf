import type { Dispatch } from '../../core/ipc/dispatch';
import { defaultSeedFile, importSeedFile, type SeedImportResult } from '../seed/import-seed';
import { Store } from '../store/store';
import { createAppDispatch } from './handlers-index';
import { ProfileLock } from './profile-lock';
import { createSession, sessionFile } from './session';

export interface OpenAppOptions {
  dataDir: string;
  shell: 'electron' | 'web';
  seedFile?: string;
  /** Import the seed when the profile is empty (the first start). */
  autoSeed?: boolean;
  /** The clock of handlers and the seed import (`--now` / OA_NOW in the web host). */
  now?: () => Date;
  /** better-sqlite3 built for Electron's ABI, when not the one in node_modules. */
  nativeBinding?: string;
}

export interface OpenedApp {
  store: Store;
  dispatch: Dispatch;
  seeded: SeedImportResult | null;
  close(): void;
}

/** Opens a profile (locked to this process), imports the seed on first start, and wires the handlers. */
export function openApp(opts: OpenAppOptions): OpenedApp {
  const lock = ProfileLock.acquire(opts.dataDir);
  let store: Store;
  try {
    store = Store.open({
      dir: opts.dataDir,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  let seeded: SeedImportResult | null = null;
  try {
    if ((opts.autoSeed ?? true) && store.isEmpty()) {
      seeded = importSeedFile(store, opts.seedFile ?? defaultSeedFile(), opts.now?.());
    }
  } catch (err) {
    store.close();
    lock.release();
    throw err;
  }
  const session = createSession({ file: sessionFile(opts.dataDir) });
  const dispatch = createAppDispatch({ store, shell: opts.shell, session, ...(opts.now ? { now: opts.now } : {}) });
  return {
    store,
    dispatch,
    seeded,
    close() {
      store.close();
      lock.release();
    },
  };
}
