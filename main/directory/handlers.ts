import type { Handlers } from '../../core/ipc/dispatch';
import type { Store } from '../store/store';

/** 通讯录: every unit named by a record, with its kind and how many items it leads or shares. */
export function directoryHandlers(store: Store): Handlers['directory'] {
  return { list: () => store.supervision.units() };
}
