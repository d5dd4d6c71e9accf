import { TokenBucket } from '../limits';
import type { AwarenessEntry, OwnerBudget, PresenceIdentity } from './presence';
import type { Room, RoomMember } from './room';

/** Awareness messages one session (connection × document) may apply per second, and its burst. */
export const PRESENCE_RATE = { perSecond: 20, burst: 40 };

/**
 * One session's way into a room's presence: applies its awareness entries as its account and
 * relays what was accepted, at most PRESENCE_RATE messages a second. Faster input is coalesced,
 * not dropped: the newest entry per client id waits for the next token, so the last cursor
 * position always arrives (a dropped one would stay stale until the client's 15 s refresh).
 */
export class PresenceInput {
  private readonly bucket: TokenBucket;
  private pending: Map<number, AwarenessEntry> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: Room,
    private readonly member: RoomMember,
    private readonly identity: () => PresenceIdentity,
    private readonly budget: OwnerBudget,
    now: () => number,
    private readonly maxPending: number,
    /** A held message turned out malformed (a state that is not JSON) after it was received. */
    private readonly malformed: (err: unknown) => void,
  ) {
    this.bucket = new TokenBucket(PRESENCE_RATE.perSecond, PRESENCE_RATE.burst, now);
  }

  /** Throws MalformedFrame when applied at once; a held message's is reported to `malformed`. */
  submit(entries: readonly AwarenessEntry[]): void {
    if (this.timer) return this.hold(entries);
    const wait = this.bucket.take(1);
    if (wait === 0) return this.apply(entries);
    this.hold(entries);
    this.timer = setTimeout(() => this.flush(), wait);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private hold(entries: readonly AwarenessEntry[]): void {
    const pending = (this.pending ??= new Map());
    for (const entry of entries) {
      const held = pending.get(entry[0]);
      if (held ? held[1] <= entry[1] : pending.size < this.maxPending) pending.set(entry[0], entry);
    }
  }

  private flush(): void {
    this.timer = null;
    const entries = [...(this.pending?.values() ?? [])];
    this.pending = null;
    try {
      if (entries.length > 0) this.apply(entries);
    } catch (err) {
      this.malformed(err);
    }
  }

  private apply(entries: readonly AwarenessEntry[]): void {
    const accepted = this.room.presence.apply(entries, this.member, this.identity(), this.budget);
    if (accepted) this.room.broadcast(this.room.awarenessMessage(accepted), this.member);
  }
}
