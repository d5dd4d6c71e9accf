import { createDispatcher, type Dispatch, type Handlers } from '../../core/ipc/dispatch';
import { blobHandlers } from '../blobs/handlers';
import { BlobServices } from '../blobs/services';
import { directoryHandlers } from '../directory/handlers';
import { documentHandlers } from '../documents/handlers';
import { incomingHandlers } from '../incoming/handlers';
import { notificationHandlers } from '../notifications/handlers';
import { signatureHandlers } from '../signatures/handlers';
import type { Store } from '../store/store';
import { dashboardHandlers } from '../supervision/dashboard-handlers';
import { supervisionHandlers, type HandlerContext } from '../supervision/handlers';
import { SupervisionSettingsStore } from '../supervision/settings';
import { demoEventSigning } from '../supervision/signing';
import { offlineSyncHandlers, type SyncBinding } from '../sync/app-binding';
import { appHandlers } from './handlers';
import { createSession, sessionHandlers, type Session } from './session';

export interface HandlerOptions {
  store: Store;
  shell: 'electron' | 'web';
  now?: () => Date;
  /** The current identity; default: the demo session in memory, starting as the 督查室. */
  session?: Session;
  /** The profile's sync binding (main/sync/app-binding.ts); default: sync not available. */
  sync?: Pick<SyncBinding, 'handlers' | 'server'>;
  /** The profile's blob store (files); default: opened in the store's folder on first use. */
  blobs?: BlobServices;
}

/** All contract handlers as plain functions: the Electron and web bindings only register them. */
export function createHandlers(opts: HandlerOptions): Handlers {
  const session = opts.session ?? createSession();
  const now = opts.now ?? (() => new Date());
  const blobs = opts.blobs ?? new BlobServices({ dir: opts.store.dir });
  // 督办设置 from the profile, read per request so a change applies to every light at once.
  const settings = new SupervisionSettingsStore(opts.store);
  const ctx: HandlerContext & { settings: SupervisionSettingsStore } = {
    store: opts.store,
    now,
    actor: () => session.current(),
    settings,
    warnWorkingDays: () => settings.warnWorkingDays(),
    // 督办 events are signed with the profile's demo keys (演示环境自动使用演示PIN解锁).
    signing: demoEventSigning(opts.store.dir, () => now().getTime()),
    blobs,
  };
  return {
    app: appHandlers(opts.store, opts.shell, () => opts.sync?.server() ?? null),
    supervision: supervisionHandlers(ctx),
    session: sessionHandlers(session),
    incoming: incomingHandlers(opts.store),
    documents: documentHandlers(opts.store),
    directory: directoryHandlers(opts.store),
    search: { query: (q) => opts.store.search(q) },
    dashboard: dashboardHandlers(ctx),
    notifications: notificationHandlers(ctx),
    sync: opts.sync?.handlers ?? offlineSyncHandlers(),
    blobs: blobHandlers(blobs),
    signatures: signatureHandlers({ store: opts.store, now, actor: () => session.current(), pkiDir: process.env.OA_DEMO_PKI_DIR || opts.store.dir }),
  };
}

export function createAppDispatch(opts: HandlerOptions): Dispatch {
  return createDispatcher(createHandlers(opts));
}
