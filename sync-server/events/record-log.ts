import { createHash } from 'node:crypto';
import type { AnyArea } from '../../core/kernel/area';
import { CREATE, type RecordEvent } from '../../core/kernel/event';
import { reduceRecord, reduceStep, type Reduced } from '../../core/kernel/reduce';
import type { AreaRegistry } from '../../core/kernel/registry';
import { parseEventJson } from '../../core/sync/event-json';
import type { StoredRecord } from '../persistence/types';

/** An event id the record holds: its seq, a hash of its canonical text, and — while not yet on disk — its commit. */
export interface KnownEvent {
  seq: number;
  hash: string;
  /** Resolves true once stored, false if the commit failed; null when it is on disk already. */
  stored: Promise<boolean> | null;
}

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * What the server holds of one record's events while it is in use: its kind and area, the
 * reduced state (kept with reduceStep, so judging the next event costs one reducer step), the
 * ids it has (idempotency) and the last sequence number given. Events judged and waiting for
 * their commit are already in it, so a client's second event builds on its first; if a commit
 * fails the log is read again from disk (`reload`).
 */
export class RecordLog {
  docId: number | null = null;
  /** The kind as judged so far: set by a judged `create` at once. */
  kind: string | null = null;
  area: AnyArea | null = null;
  reduced: Reduced<unknown> | null = null;
  creatorUnits: string[] = [];
  /** The event-derived owners as last written to the accounts (`area.access(state)`). */
  eventOwners: string[] = [];
  /** A record exists on disk (its `create` committed, or it predates the kernel): Yjs updates need this. */
  exists = false;
  seq = 0;
  readonly ids = new Map<string, KnownEvent>();
  inFlight = 0;
  /** Bumped by every `fill`: events judged against an earlier state are not committed (stale). */
  generation = 0;
  lastActive = 0;
  /** Entries that did not parse when loaded (written by an older server); reported once. */
  unreadable = 0;

  constructor(
    readonly name: string,
    private readonly registry: AreaRegistry,
  ) {}

  /** Replaces everything with what is stored (on load, and after a failed commit). */
  fill(stored: StoredRecord): void {
    this.docId = stored.docId;
    this.kind = stored.kind;
    this.exists = stored.kind !== null;
    this.area = stored.kind ? (this.registry.byKind(stored.kind) ?? null) : null;
    this.reduced = this.area ? reduceRecord(this.area, []) : null;
    this.creatorUnits = stored.creatorUnits;
    this.eventOwners = stored.eventOwners;
    this.ids.clear();
    this.seq = 0;
    this.unreadable = 0;
    this.inFlight = 0;
    this.generation++;
    for (const row of stored.events) {
      this.seq = Math.max(this.seq, row.seq);
      const parsed = parseEventJson(row.data);
      if (!parsed.ok) {
        this.unreadable++;
        continue;
      }
      this.ids.set(parsed.event.id, { seq: row.seq, hash: hashText(row.data), stored: null });
      if (this.area && this.reduced) reduceStep(this.area, this.reduced, parsed.event);
    }
  }

  /**
   * Takes a judged event into the log before its commit: the next seq, its id, and one reducer
   * step (a `create` starts the state). `stored` is the commit's outcome.
   */
  add(event: RecordEvent, text: string, area: AnyArea, stored: Promise<boolean>): number {
    if (event.type === CREATE) {
      this.kind = area.kind;
      this.area = area;
      this.reduced = reduceRecord(area, []);
    }
    reduceStep(area, this.reduced!, event);
    const seq = ++this.seq;
    this.ids.set(event.id, { seq, hash: hashText(text), stored });
    this.inFlight++;
    return seq;
  }

  /** An appended event is on disk. */
  committed(eventId: string, docId: number, create: { creatorUnits: string[] } | null, generation: number): void {
    if (generation !== this.generation) return;
    const known = this.ids.get(eventId);
    if (known) known.stored = null;
    this.docId = docId;
    this.inFlight--;
    if (create) {
      this.exists = true;
      this.creatorUnits = create.creatorUnits;
    }
  }

  /** Units the area's access rule names now (sorted). */
  accessUnits(): string[] {
    if (!this.area?.access || !this.reduced) return [];
    return [...new Set(this.area.access(this.reduced.state))].sort();
  }
}
