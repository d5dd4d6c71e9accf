import { createDispatcher, type Dispatch, type Handlers } from '../../core/ipc/dispatch';
import { directoryHandlers } from '../directory/handlers';
import { incomingHandlers } from '../incoming/handlers';
import type { Store } from '../store/store';
import { supervisionHandlers, type HandlerContext } from '../supervision/handlers';
import { appHandlers } from './handlers';

export interface HandlerOptions {
  store: Store;
  shell: 'electron' | 'web';
  now?: () => Date;
  actor?: () => string;
}

/** All contract handlers as plain functions: the Electron and web bindings only register them. */
export function createHandlers(opts: HandlerOptions): Handlers {
  const ctx: HandlerContext = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    actor: opts.actor ?? (() => '本机用户'),
  };
  return {
    app: appHandlers(opts.store, opts.shell),
    supervision: supervisionHandlers(ctx),
    incoming: incomingHandlers(opts.store),
    directory: directoryHandlers(opts.store),
    search: { query: (q) => opts.store.search(q) },
  };
}

export function createAppDispatch(opts: HandlerOptions): Dispatch {
  return createDispatcher(createHandlers(opts));
}
