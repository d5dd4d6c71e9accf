import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { z } from 'zod';
import type { PresenceUser } from '../../core/ipc/sync';
import { restampAwareness } from './awareness-restamp';

/** How long a window counts as viewing after its last `sync.viewing` call. */
export const VIEWER_TTL_MS = 45_000;

/** The origin of editing windows' awareness updates applied here (never sent back to them). */
const FROM_WINDOW = 'window';

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
  /** Editing windows' awareness clients relayed here, with the last clock each window sent. */
  windows: Map<number, number>;
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
  /** Records open in an editor here, and how many windows edit each. */
  private readonly editing = new Map<string, number>();
  private remoteListener: ((recordId: string, update: Uint8Array) => void) | null = null;
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

  /**
   * A window edits `recordId`: the record stays watched (with presence) until the returned
   * release, so the window's carets reach the sync server and co-editors' come back.
   */
  edit(recordId: string): () => void {
    this.editing.set(recordId, (this.editing.get(recordId) ?? 0) + 1);
    this.ensure(recordId);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.editing.get(recordId) ?? 1) - 1;
      if (left > 0) this.editing.set(recordId, left);
      else this.editing.delete(recordId);
      this.release(recordId);
    };
  }

  /**
   * An editing window's awareness update (its caret): applied to the record's awareness, which
   * the engine sends to the server (it sets the account's name on it) and so to co-editors.
   * Ignored unless the record is being edited here; a malformed update is dropped.
   */
  relay(recordId: string, update: Uint8Array): void {
    const w = this.editing.has(recordId) ? this.records.get(recordId) : undefined;
    if (!w) return;
    try {
      // Each new window state gets the next clock here (a reconnect moves these clocks on).
      const restamped = restampAwareness(update, (client, clock) => {
        const last = w.windows.get(client);
        if (last !== undefined && clock <= last) return null;
        w.windows.set(client, clock);
        const meta = w.awareness.meta.get(client);
        return meta ? meta.clock + 1 : clock;
      });
      if (restamped) awarenessProtocol.applyAwarenessUpdate(w.awareness, restamped, FROM_WINDOW);
    } catch {
      // From our own renderer, checked as base64 only: a broken caret update is not worth an error.
    }
  }

  /** Co-editors' awareness updates (carets from the server, and their removals) for editing windows. */
  onRemote(listener: ((recordId: string, update: Uint8Array) => void) | null): void {
    this.remoteListener = listener;
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
    w = { awareness, doc, unwatch: null, lastKey: '[]', windows: new Map() };
    const watched = w;
    awareness.on('change', () => {
      const users = this.others(watched);
      const key = JSON.stringify(users);
      if (key === watched.lastKey) return;
      watched.lastKey = key;
      this.onChange(recordId, users);
    });
    awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      // Windows already have their own states; this machine's presence state carries no caret.
      if (origin === FROM_WINDOW || origin === 'local' || !this.remoteListener || !this.editing.has(recordId)) return;
      const clients = [...added, ...updated, ...removed].filter((c) => c !== awareness.clientID);
      if (clients.length > 0) this.remoteListener(recordId, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
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
    if (this.editing.has(recordId)) return;
    for (const v of this.viewers.values()) if (v.recordId === recordId) return;
    this.drop(recordId);
  }

  private drop(recordId: string): void {
    const w = this.records.get(recordId);
    if (!w) return;
    this.records.delete(recordId);
    // Say goodbye first (the null state is sent while still subscribed), then unsubscribe.
    const windows = [...w.windows.keys()].filter((c) => w.awareness.getStates().has(c));
    awarenessProtocol.removeAwarenessStates(w.awareness, [w.awareness.clientID, ...windows], 'local');
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
