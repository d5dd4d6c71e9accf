import { afterEach, beforeEach } from 'vitest';
import type { Dispatch } from '../../../core/ipc/dispatch';
import type { PinMode } from '../../kernel/pin-gate';
import { Store } from '../../store/store';
import { removeTempDirs, tempDir } from '../../store/testing/fixtures';
import { createAppDispatch } from '../handlers-index';
import { createSession, type Session } from '../session';
import { dispatchClient } from './dispatch';

/**
 * A fresh profile and app dispatcher per test (registered with vitest's beforeEach/afterEach),
 * with the dispatch client's `call`/`ok`/`act`. `setNow` moves the host's clock; each test starts
 * at `start`.
 */
export function testApp(opts: { start?: string; pinMode?: PinMode } = {}) {
  const start = opts.start ?? '2022-06-20T01:00:00Z';
  let store: Store | null = null;
  let session: Session | null = null;
  let dispatch: Dispatch | null = null;
  let now = new Date(start);
  beforeEach(() => {
    now = new Date(start);
    store = Store.open({ dir: tempDir() });
    session = createSession();
    dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now, ...(opts.pinMode ? { pinMode: opts.pinMode } : {}) });
  });
  afterEach(() => {
    store?.close();
    removeTempDirs();
  });
  return {
    ...dispatchClient(() => ({ dispatch: dispatch as Dispatch, session: session as Session })),
    store: () => store as Store,
    session: () => session as Session,
    setNow: (at: Date | string) => {
      now = typeof at === 'string' ? new Date(at) : at;
    },
  };
}
