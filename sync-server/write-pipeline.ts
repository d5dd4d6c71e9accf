import type { Logger } from 'pino';
import type { RecordLog } from './events/record-log';
import type { Metrics } from './metrics';
import type { AppendEntry, AppendResult, DocStore, EventEntry } from './persistence/types';
import type { Room, RoomMember } from './rooms/room';
import type { CheckedUpdate } from './rooms/update-check';

export type WriteResult = { ok: true; seq: number; docId: number } | { ok: false; error: unknown };

/** A Yjs update of one record. */
export interface UpdateWrite {
  type: 'update';
  room: Room;
  update: Uint8Array;
  checked: CheckedUpdate;
  /** The member that sent it: it is not sent its own update back. */
  member: RoomMember | null;
  /** The writer's session id, stored with the update for the changes feed. */
  origin: string;
  /** Set once committed. */
  seq?: number;
  done: (result: WriteResult) => void;
}

/** A judged workflow event, already taken into its record log (with `generation`, see RecordLog). */
export interface EventWrite {
  type: 'event';
  log: RecordLog;
  generation: number;
  entry: EventEntry;
  seq?: number;
  done: (result: WriteResult) => void;
}

export type PendingWrite = UpdateWrite | EventWrite;

export interface PipelineHooks {
  /** After a batch is committed and applied, in order. */
  committed(writes: readonly PendingWrite[]): void;
  /** An event is on disk and in its log: re-check access, then relay it (before `done`). */
  eventCommitted(write: EventWrite, result: AppendResult): void;
  /** A batch with events failed: their logs hold what is not on disk and must be read again. */
  logsFailed(logs: ReadonlySet<RecordLog>): void;
}

/**
 * Commit first, then apply. Writes that arrive during one event-loop turn — Yjs updates and
 * events alike — are committed in one transaction (one fsync); only after the store resolves are
 * they applied in memory (which relays them and advances the state vectors and logs clients
 * see). Batches commit one after another, so the order on disk is the order of application.
 */
export class WritePipeline {
  private queue: PendingWrite[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly hooks: PipelineHooks,
    private readonly maxBatch = 2000,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  submit(write: PendingWrite): void {
    if (write.type === 'update') write.room.accept(write.checked);
    this.queue.push(write);
    this.running ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolves once everything submitted so far is committed and applied. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const taken = this.queue.splice(0, this.maxBatch);
      // Judged against a log that was read again after a failed commit: its basis is gone.
      const batch = taken.filter((w) => w.type === 'update' || w.generation === w.log.generation);
      for (const w of taken) if (!batch.includes(w)) w.done({ ok: false, error: new Error('stale') });
      let results: AppendResult[];
      try {
        results = await this.store.append(batch.map(entryOf));
        this.metrics.commitBatches++;
      } catch (error) {
        this.metrics.commitFailures++;
        this.log.error({ err: String(error), writes: batch.length }, 'commit failed; writes refused');
        const logs = new Set<RecordLog>();
        for (const w of batch) {
          if (w.type === 'update') w.room.settle();
          else logs.add(w.log);
          w.done({ ok: false, error });
        }
        if (logs.size > 0) this.hooks.logsFailed(logs);
        continue;
      }
      // Writers are told first (their writes are durable), then rooms apply and relay: one
      // connection's burst in the same batch does not hold back another writer's acknowledgement.
      batch.forEach((w, i) => this.acknowledge(w, results[i]!));
      for (const w of batch) if (w.type === 'update') this.applyUpdate(w);
      this.metrics.countUpdates(batch.filter((w) => w.type === 'update').length);
      this.hooks.committed(batch);
    }
    this.running = null;
  }

  /** An event is applied to its log (and relayed) at once; an update's writer is told it is stored. */
  private acknowledge(w: PendingWrite, result: AppendResult): void {
    w.seq = result.seq;
    if (w.type === 'event') {
      w.log.committed(w.entry.eventId, result.docId, w.entry.create ? { creatorUnits: [...w.entry.create.creatorUnits] } : null, w.generation);
      this.hooks.eventCommitted(w, result);
      w.done({ ok: true, seq: w.entry.seq, docId: result.docId });
      return;
    }
    w.room.docId ??= result.docId;
    w.done({ ok: true, seq: result.seq, docId: result.docId });
  }

  private applyUpdate(w: UpdateWrite): void {
    try {
      w.room.applyCommitted(w.update, w.seq!, w.member, w.checked);
    } catch (err) {
      // Stored but not applicable: loading skips it the same way, so memory and disk agree.
      this.log.error({ doc: w.room.name, seq: w.seq, err: String(err) }, 'committed update does not apply');
    }
    w.room.settle();
  }
}

const entryOf = (w: PendingWrite): AppendEntry => (w.type === 'event' ? w.entry : { type: 'update', name: w.room.name, update: w.update, origin: w.origin });
