import type { Logger } from 'pino';
import type { AreaRegistry } from '../../core/kernel/registry';
import type { DocStore } from '../persistence/types';
import { RecordLog } from './record-log';

/**
 * The record logs in use, loaded on demand from the events table (O(events of the record), once)
 * and dropped when idle. One instance per record name at a time: a loaded room and the submit
 * path share it, so the existence a Yjs update is judged by and the state events are judged
 * against never diverge.
 */
export class RecordLogs {
  private readonly logs = new Map<string, RecordLog>();
  private readonly loading = new Map<string, Promise<RecordLog>>();

  constructor(
    private readonly store: DocStore,
    private readonly registry: AreaRegistry,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** Called once a log is loaded (the server re-derives its owners there: a crash may have left them stale). */
    private readonly onLoaded: (log: RecordLog) => void = () => {},
  ) {}

  get size(): number {
    return this.logs.size;
  }

  get(name: string): RecordLog | undefined {
    return this.logs.get(name);
  }

  open(name: string): Promise<RecordLog> {
    const loaded = this.logs.get(name);
    if (loaded) {
      loaded.lastActive = this.now();
      return Promise.resolve(loaded);
    }
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async load(name: string): Promise<RecordLog> {
    const stored = await this.store.loadRecord(name);
    const log = new RecordLog(name, this.registry);
    log.fill(stored);
    log.lastActive = this.now();
    if (log.unreadable > 0) this.log.error({ doc: name, entries: log.unreadable }, 'stored events that do not parse; skipped');
    if (log.kind && !log.area) this.log.warn({ doc: name, kind: log.kind }, 'record of a kind no area is registered for: its events are refused');
    this.logs.set(name, log);
    this.onLoaded(log);
    return log;
  }

  /** After a failed commit: what the log holds in memory may not be on disk; read it again, in place. */
  async reload(log: RecordLog): Promise<void> {
    try {
      log.fill(await this.store.loadRecord(log.name));
    } catch (err) {
      this.logs.delete(log.name);
      this.log.error({ doc: log.name, err: String(err) }, 'record log could not be read again; dropped');
    }
  }

  /** Drops logs idle for `idleMs` that nothing is waiting for and no loaded room uses. */
  sweep(idleMs: number, inUse: (name: string) => boolean): void {
    const cutoff = this.now() - idleMs;
    for (const [name, log] of this.logs) {
      if (log.inFlight > 0 || log.lastActive > cutoff || inUse(name)) continue;
      this.logs.delete(name);
    }
  }
}
