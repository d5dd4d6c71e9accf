import { createDispatcher, type Dispatch, type Handlers } from '../../core/ipc/dispatch';
import { directoryHandlers } from '../directory/handlers';
import { incomingHandlers } from '../incoming/handlers';
import type { Store } from '../store/store';
import { supervisionHandlers, type HandlerContext } from '../supervision/handlers';
import { appHandlers } from './handlers';
import { createSession, sessionHandlers, type Session } from './session';

export interface HandlerOptions {
  store: Store;
  shell: 'electron' | 'web';
  now?: () => Date;
  /** The current identity; default: the demo session in memory, starting as the 督查室. */
  session?: Session;
}

/** All contract handlers as plain functions: the Electron and web bindings only register them. */
export function createHandlers(opts: HandlerOptions): Handlers {
  const session = opts.session ?? createSession();
  const ctx: HandlerContext = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    actor: () => session.current(),
  };
  return {
    app: appHandlers(opts.store, opts.shell),
    supervision: supervisionHandlers(ctx),
    session: sessionHandlers(session),
    incoming: incomingHandlers(opts.store),
    directory: directoryHandlers(opts.store),
    search: { query: (q) => opts.store.search(q) },
  };
}

export function createAppDispatch(opts: HandlerOptions): Dispatch {
  return createDispatcher(createHandlers(opts));
}
