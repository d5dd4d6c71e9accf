import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { z } from 'zod';
import type { PresenceUser } from '../../core/ipc/sync';

/** How long a window counts as viewing after its last `sync.viewing` call. */
export const VIEWER_TTL_MS = 45_000;

const PresenceState = z.object({ user: z.object({ login: z.string(), name: z.string(), unit: z.string().default('') }) });

/** What presence needs from the engine: subscribe a record live with an awareness. */
export interface PresenceEngine {
  watch(id: string, awareness: awarenessProtocol.Awareness): () => void;
}

interface Watched {
  awareness: awarenessProtocol.Awareness;
  doc: Y.Doc;
  unwatch: (() => void) | null;
  lastKey: string;
}

/**
 * Presence (who else is viewing a record) for every window of this process. Windows say what
 * they show (`view`), and repeat it while they show it; a record with at least one local viewer
 * is watched by the engine with a y-protocols awareness carrying the local user, and the other
 * users' states are reported (`onChange`) as they come and go.
 */
export class PresenceHub {
  private readonly viewers = new Map<string, { recordId: string; seenAt: number }>();
  private readonly records = new Map<string, Watched>();
  private engine: PresenceEngine | null = null;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private user: PresenceUser,
    private readonly onChange: (recordId: string, users: PresenceUser[]) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.expire(), 5_000);
    this.sweeper.unref?.();
  }

  /** The engine to watch records with (null while offline or not configured). */
  attach(engine: PresenceEngine | null): void {
    for (const w of this.records.values()) {
      w.unwatch?.();
      w.unwatch = engine ? engine.watch(w.awareness.doc.guid, w.awareness) : null;
    }
    this.engine = engine;
  }

  setUser(user: PresenceUser): void {
    this.user = user;
    for (const w of this.records.values()) w.awareness.setLocalState({ user });
  }

  /** A window shows `recordId` (or nothing); returns the others viewing it. */
  view(viewer: string, recordId: string | null): PresenceUser[] {
    const before = this.viewers.get(viewer)?.recordId ?? null;
    if (recordId === null) this.viewers.delete(viewer);
    else this.viewers.set(viewer, { recordId, seenAt: this.now() });
    if (before !== null && before !== recordId) this.release(before);
    if (recordId === null) return [];
    return this.others(this.ensure(recordId));
  }

  users(recordId: string): PresenceUser[] {
    const w = this.records.get(recordId);
    return w ? this.others(w) : [];
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.records.keys()]) this.drop(id);
    this.viewers.clear();
  }

  private ensure(recordId: string): Watched {
    let w = this.records.get(recordId);
    if (w) return w;
    const doc = new Y.Doc({ guid: recordId });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: this.user });
    w = { awareness, doc, unwatch: null, lastKey: '[]' };
    const watched = w;
    awareness.on('change', () => {
      const users = this.others(watched);
      const key = JSON.stringify(users);
      if (key === watched.lastKey) return;
      watched.lastKey = key;
      this.onChange(recordId, users);
    });
    this.records.set(recordId, w);
    if (this.engine) w.unwatch = this.engine.watch(recordId, awareness);
    return w;
  }

  /** Other people's states, one entry per login, in a stable order. */
  private others(w: Watched): PresenceUser[] {
    const byLogin = new Map<string, PresenceUser>();
    for (const [client, state] of w.awareness.getStates()) {
      if (client === w.awareness.clientID) continue;
      const parsed = PresenceState.safeParse(state);
      if (!parsed.success || parsed.data.user.login === this.user.login) continue;
      byLogin.set(parsed.data.user.login, parsed.data.user);
    }
    return [...byLogin.values()].sort((a, b) => a.login.localeCompare(b.login));
  }

  private release(recordId: string): void {
    for (const v of this.viewers.values()) if (v.recordId === recordId) return;
    this.drop(recordId);
  }

  private drop(recordId: string): void {
    const w = this.records.get(recordId);
    if (!w) return;
    this.records.delete(recordId);
    // Say goodbye first (the null state is sent while still subscribed), then unsubscribe.
    awarenessProtocol.removeAwarenessStates(w.awareness, [w.awareness.clientID], 'local');
    w.unwatch?.();
    w.awareness.destroy();
    w.doc.destroy();
  }

  /** Forgets windows silent for longer than VIEWER_TTL_MS (runs every 5 s). */
  expire(): void {
    const now = this.now();
    for (const [viewer, v] of this.viewers) {
      if (now - v.seenAt <= VIEWER_TTL_MS) continue;
      this.viewers.delete(viewer);
      this.release(v.recordId);
    }
  }
}
