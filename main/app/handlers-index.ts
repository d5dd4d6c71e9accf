import { createDispatcher, type Dispatch, type Handlers } from '../../core/ipc/dispatch';
import { AREA_MODULES, type AppAreaContext } from '../areas';
import { blobHandlers } from '../blobs/handlers';
import { BlobServices } from '../blobs/services';
import { editorHandlers } from '../editor/handlers';
import { EditorHub } from '../editor/hub';
import { recordHandlers } from '../kernel/handlers';
import { demoEventSigning } from '../kernel/signing';
import { notificationHandlers } from '../notifications/handlers';
import { signatureHandlers } from '../signatures/handlers';
import type { Store } from '../store/store';
import { offlineSyncHandlers, type SyncBinding } from '../sync/app-binding';
import { appHandlers } from './handlers';
import { withStoreErrorMapping } from './store-error-handlers';
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
  /** The 正文 editors' windows and pushes (main/editor/hub.ts); default: one of its own, pushing nowhere. */
  editor?: EditorHub;
}

/**
 * All contract handlers as plain functions: the Electron and web bindings only register them.
 * The generic ones (records, todo, notifications, signatures, search …) serve every area; each
 * area's own methods come from its module in main/areas.ts.
 */
export function createHandlers(opts: HandlerOptions): Handlers {
  const session = opts.session ?? createSession();
  const now = opts.now ?? (() => new Date());
  const blobs = opts.blobs ?? new BlobServices({ dir: opts.store.dir });
  const ctx: AppAreaContext = {
    store: opts.store,
    now,
    actor: () => session.current(),
    // Events are signed with the profile's demo keys (演示环境自动使用演示PIN解锁).
    signing: demoEventSigning(opts.store.dir, () => now().getTime()),
    blobs,
  };
  const areas = Object.assign({}, ...AREA_MODULES.map((m) => m.handlers(ctx))) as Partial<Handlers>;
  const generic = {
    app: appHandlers(opts.store, opts.shell, () => opts.sync?.server() ?? null),
    ...recordHandlers(ctx),
    session: sessionHandlers(session),
    search: { query: (q) => opts.store.search(q) },
    notifications: notificationHandlers({ ...ctx, extra: (actor, today) => AREA_MODULES.flatMap((m) => m.notices?.(ctx, actor, today) ?? []) }),
    sync: opts.sync?.handlers ?? offlineSyncHandlers(),
    blobs: blobHandlers(blobs),
    editor: editorHandlers(ctx, opts.editor ?? new EditorHub(opts.store)),
    signatures: signatureHandlers({ store: opts.store, now, actor: ctx.actor, pkiDir: process.env.OA_DEMO_PKI_DIR || opts.store.dir, ...(ctx.signing ? { signing: ctx.signing } : {}) }),
  } satisfies Partial<Handlers>;
  // The dispatcher refuses to start when a contract method has no handler.
  return { ...areas, ...generic } as Handlers;
}

export function createAppDispatch(opts: HandlerOptions): Dispatch {
  return createDispatcher(withStoreErrorMapping(createHandlers(opts), opts.store.file));
}
