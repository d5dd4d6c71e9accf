import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import type { AppendResult, DocStore } from './persistence/types';
import type { Room, RoomMember } from './rooms/room';
import type { CheckedUpdate } from './rooms/update-check';

export interface PendingWrite {
  room: Room;
  update: Uint8Array;
  checked: CheckedUpdate;
  /** The member that sent it: it is not sent its own update back. */
  member: RoomMember | null;
  /** The writer's session id, stored with the update for the changes feed. */
  origin: string;
  creatorUnits: readonly string[];
  /** Set once committed. */
  seq?: number;
  done: (result: { ok: true; seq: number } | { ok: false; error: unknown }) => void;
}

/**
 * Commit first, then apply. Writes that arrive during one event-loop turn are committed in one
 * transaction (one fsync); only after the store resolves are they applied to the in-memory
 * documents (which relays them and advances the state vectors clients see). Batches commit one
 * after another, so the order of updates on disk is the order they are applied in.
 */
export class WritePipeline {
  private queue: PendingWrite[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly onCommitted: (writes: readonly PendingWrite[]) => void,
    private readonly maxBatch = 2000,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  submit(write: PendingWrite): void {
    write.room.pendingWrites++;
    this.queue.push(write);
    this.running ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
  }

  /** Resolves once everything submitted so far is committed and applied. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let results: AppendResult[];
      try {
        results = await this.store.append(
          batch.map((w) => ({ name: w.room.name, update: w.update, origin: w.origin, creatorUnits: w.creatorUnits })),
        );
        this.metrics.commitBatches++;
      } catch (error) {
        this.metrics.commitFailures++;
        this.log.error({ err: String(error), updates: batch.length }, 'commit failed; updates refused');
        for (const w of batch) {
          w.room.pendingWrites--;
          w.done({ ok: false, error });
        }
        continue;
      }
      batch.forEach((w, i) => {
        const result = results[i]!;
        w.seq = result.seq;
        w.room.docId ??= result.docId;
        w.room.pendingWrites--;
        try {
          w.room.applyCommitted(w.update, result.seq, w.member, w.checked);
        } catch (err) {
          // Stored but not applicable: loading skips it the same way, so memory and disk agree.
          this.log.error({ doc: w.room.name, seq: result.seq, err: String(err) }, 'committed update does not apply');
        }
        w.done({ ok: true, seq: result.seq });
      });
      this.metrics.countUpdates(batch.length);
      this.onCommitted(batch);
    }
    this.running = null;
  }
}
