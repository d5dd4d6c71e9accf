import type { Dispatch } from '../../core/ipc/dispatch';
import { BlobServices } from '../blobs/services';
import { startBlobUpkeep } from '../blobs/upkeep';
import type { KeyWrapper } from '../crypto/safe-storage';
import { defaultSeedFile, importSeedFile, type SeedImportResult } from '../seed/import-seed';
import { EditorHub } from '../editor/hub';
import { Store } from '../store/store';
import { SyncBinding, type SyncBindingOptions } from '../sync/app-binding';
import { demoLoginKey } from '../sync/login-key';
import { wrapperSecretBox } from '../sync/token-box';
import { wireNumbering } from '../documents/numbering-sync';
import { demoEventSigning } from '../kernel/signing';
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
  /** Sync: a server + token to connect with at start (else the login saved in 设置, if any), test tuning. */
  sync?: Omit<SyncBindingOptions, 'store'>;
  /**
   * The OS secret store (Electron's safeStorage, `safeStorageWrapper`): seals the sync login
   * token in the profile. Omitted (the web host, or no OS store): kept in plain text.
   */
  osWrapper?: KeyWrapper;
}

export interface OpenedApp {
  store: Store;
  dispatch: Dispatch;
  /** The background sync engine's binding: subscribe its events (`sync.onEvent`) to push them to windows. */
  sync: SyncBinding;
  /** The 正文 editors: subscribe its events (`editor.onEvent`) to push them to windows. */
  editor: EditorHub;
  seeded: SeedImportResult | null;
  close(): void;
}

/** Opens a profile (locked to this process), imports the seed on first start, and wires the handlers. */
export function openApp(opts: OpenAppOptions): OpenedApp {
  const lock = ProfileLock.acquire(opts.dataDir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
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
  let sync: SyncBinding | undefined;
  // Logged in to a sync server, the profile acts only as that account (main/app/account-identity.ts).
  const session = createSession({ file: sessionFile(opts.dataDir), account: () => sync?.account() ?? null });
  const blobs = new BlobServices({ dir: opts.dataDir, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    // 数字证书登录 signs with the current identity's key (main/sync/login-key.ts).
    const clock = opts.now;
    const loginKey = demoLoginKey(opts.dataDir, () => session.current().login, clock ? () => clock().getTime() : Date.now);
    const secrets = opts.osWrapper ? wrapperSecretBox(opts.osWrapper) : undefined;
    sync = new SyncBinding({ loginKey, ...(secrets ? { secrets } : {}), ...opts.sync, store, blobs });
  } catch (err) {
    blobs.close();
    store.close();
    lock.release();
    throw err;
  }
  const binding = sync;
  // Old attachment bytes leave the records once; refs of new events are noted (main/blobs/upkeep.ts).
  const upkeep = startBlobUpkeep(store, blobs.store);
  const editor = new EditorHub(store, binding.carets);
  // The app asks for the PIN: once per session for a signature, each time for a seal.
  const dispatch = createAppDispatch({ store, shell: opts.shell, session, sync: binding, blobs, editor, pinMode: 'session', ...(opts.now ? { now: opts.now } : {}) });
  // 编号 from the sync server when one is configured; 待编号 公文 take their number once online.
  const clock = opts.now ?? (() => new Date());
  const unwireNumbering = wireNumbering({ store, sync: binding, now: clock, signing: demoEventSigning(store.dir, () => clock().getTime()) });
  return {
    store,
    dispatch,
    sync: binding,
    editor,
    seeded,
    close() {
      unwireNumbering();
      editor.dispose();
      binding.close();
      upkeep.stop();
      blobs.close();
      store.close();
      lock.release();
    },
  };
}
