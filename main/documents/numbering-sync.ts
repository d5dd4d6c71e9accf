import type { AppEvent } from '../../core/ipc/contract';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { numberClient } from '../sync/number-client';
import type { FetchLike } from '../sync/server-login';
import { numberPending } from './number-step';
import { useNumberServer } from './numbering';

/**
 * Ties 编号 to the profile's sync: numbers come from the configured server (else 本地编号), and
 * once the engine is online with nothing left to send, every 待编号 公文 takes its number. Runs
 * one pass at a time; a pass that cannot reach the server leaves the rest 待编号 for the next.
 */
export function wireNumbering(opts: {
  store: Store;
  sync: { credentials(): { url: string; token: string } | null; onEvent(listener: (event: AppEvent) => void): () => void };
  now: () => Date;
  signing?: EventSigning;
  fetch?: FetchLike;
}): () => void {
  const fetcher: FetchLike = opts.fetch ?? ((url, init) => fetch(url, init));
  useNumberServer(opts.store, numberClient(fetcher, () => opts.sync.credentials()));
  let running = false;
  let again = false;
  const pass = async (): Promise<void> => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        await numberPending(opts.store, opts.now, opts.signing);
      } while (again);
    } catch {
      // The store closed or the server refused: the 公文 stay 待编号 and are tried on the next change.
    } finally {
      running = false;
    }
  };
  const off = opts.sync.onEvent((event) => {
    if (event.type === 'sync-status' && event.status.state === 'online' && event.status.pending === 0) void pass();
  });
  return () => {
    off();
    useNumberServer(opts.store, null);
  };
}
