import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../core/ipc/contract';
import type { SyncStatusView } from '../../core/ipc/sync';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { SyncBinding } from './app-binding';
import type { TransportHandlers } from './types';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  removeTempDirs();
});

const token = `x.${Buffer.from(JSON.stringify({ sub: 'li' })).toString('base64url')}.y`;

/** A binding whose socket opens only when the test says so. */
function binding() {
  const store = Store.open({ dir: tempDir() });
  const sockets: TransportHandlers[] = [];
  const sync = new SyncBinding({
    store,
    connect: { url: 'ws://127.0.0.1:1', token },
    engine: { transport: (_url, handlers) => (sockets.push(handlers), { send: () => {}, close: () => {} }) },
  });
  cleanup.push(() => {
    sync.close();
    store.close();
  });
  const events: SyncStatusView[] = [];
  sync.onEvent((e: AppEvent) => {
    if (e.type === 'sync-status') events.push(e.status);
  });
  return { sync, sockets, events };
}

describe('SyncBinding status versions', () => {
  it('goes up with every change, so an answer older than an event can be told apart', () => {
    const { sync, sockets, events } = binding();
    const answer = sync.status();
    expect(answer.state).toBe('connecting');
    expect(sync.status().version).toBe(answer.version); // nothing changed, same version

    sockets[0]!.onOpen();
    const event = events.at(-1)!;
    expect(event.state).not.toBe('connecting');
    expect(event.version).toBeGreaterThan(answer.version);
    // What a window receives later on another channel: the stale answer loses against the event.
    expect(sync.status().version).toBe(event.version);
    const versions = events.map((e) => e.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('keeps the version when a status is asked for again without a change', () => {
    const { sync } = binding();
    const a = sync.status();
    const b = sync.status();
    expect(b).toEqual(a);
  });
});
