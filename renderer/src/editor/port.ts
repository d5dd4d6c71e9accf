import type { ReplicaPort } from './replica';
import { api, onAppEvent, onResync } from '../bridge';
import type { Result } from '../../../core/result';

const unwrap = async <T>(p: Promise<Result<T>>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The replica's port over the app's one typed client and its events. */
export const bridgePort: ReplicaPort = {
  open: (input) => unwrap(api.editor.open(input)),
  push: (input) => unwrap(api.editor.push(input)),
  close: (input) => unwrap(api.editor.close(input)),
  awareness: (input) => unwrap(api.editor.awareness(input)),
  onEvent: onAppEvent,
  onResync,
};
