import type { Handlers } from '../../core/ipc/dispatch';
import type { Store } from '../store/store';
import { appVersion } from './version';

export function appHandlers(store: Store, shell: 'electron' | 'web', syncServer: () => string | null = () => null): Handlers['app'] {
  return {
    info: () => ({ version: appVersion(), dataDir: store.dir, records: store.count(), shell, syncServer: syncServer() }),
  };
}
