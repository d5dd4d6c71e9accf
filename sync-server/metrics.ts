/**
 * Counters and gauges, rendered as Prometheus text on GET /metrics. `updates/s` is a gauge over
 * the last 10 seconds so a dashboard without PromQL can read it directly.
 */
export type RejectReason =
  | 'malformed'
  | 'read-only'
  | 'forbidden'
  | 'unauthenticated'
  | 'too-large'
  | 'too-many-docs'
  | 'invalid-update'
  | 'rate-limited'
  | 'bad_signature'
  | 'event_refused'
  | 'event_invalid'
  | 'not_created'
  | 'unseen_ids'
  | 'gap'
  | 'slow-reader';

export class Metrics {
  connections = 0;
  connectionsTotal = 0;
  loadedDocs = 0;
  updatesTotal = 0;
  bytesIn = 0;
  bytesOut = 0;
  messagesIn = 0;
  messagesOut = 0;
  commitBatches = 0;
  commitFailures = 0;
  compactions = 0;
  readonly rejected = new Map<RejectReason, number>();
  /** Bytes queued to all sockets now, and the most at once since start (the outbound budget). */
  bufferedBytes: () => number = () => 0;
  bufferedBytesMax: () => number = () => 0;
  /** Updates per whole second over the last 10 seconds: [second, count] pairs. */
  private readonly buckets: Array<[number, number]> = [];

  constructor(private readonly now: () => number = Date.now) {}

  reject(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  countUpdates(n: number): void {
    this.updatesTotal += n;
    const second = Math.floor(this.now() / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last[0] === second) last[1] += n;
    else this.buckets.push([second, n]);
    if (this.buckets.length > 11) this.buckets.shift();
  }

  updatesPerSecond(): number {
    const from = Math.floor(this.now() / 1000) - 10;
    let sum = 0;
    for (const [second, count] of this.buckets) if (second >= from) sum += count;
    return sum / 10;
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number, labels = '') => {
      if (!lines.some((l) => l.startsWith(`# TYPE ${name} `))) lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      lines.push(`${name}${labels} ${value}`);
    };
    metric('xietong_sync_connections', 'gauge', 'Open websocket connections.', this.connections);
    metric('xietong_sync_connections_total', 'counter', 'Websocket connections accepted.', this.connectionsTotal);
    metric('xietong_sync_loaded_docs', 'gauge', 'Documents loaded in memory.', this.loadedDocs);
    metric('xietong_sync_updates_total', 'counter', 'Document updates committed.', this.updatesTotal);
    metric('xietong_sync_updates_per_second', 'gauge', 'Committed updates per second over the last 10 s.', this.updatesPerSecond());
    metric('xietong_sync_bytes_in_total', 'counter', 'Websocket payload bytes received.', this.bytesIn);
    metric('xietong_sync_bytes_out_total', 'counter', 'Websocket payload bytes sent.', this.bytesOut);
    metric('xietong_sync_messages_in_total', 'counter', 'Websocket frames received.', this.messagesIn);
    metric('xietong_sync_messages_out_total', 'counter', 'Websocket frames sent.', this.messagesOut);
    metric('xietong_sync_buffered_bytes', 'gauge', 'Bytes queued to sockets, not yet sent (each buffer once).', this.bufferedBytes());
    metric('xietong_sync_buffered_bytes_max', 'gauge', 'The most bytes queued to sockets at once since start.', this.bufferedBytesMax());
    metric('xietong_sync_commit_batches_total', 'counter', 'Durable commits (each may hold many updates).', this.commitBatches);
    metric('xietong_sync_commit_failures_total', 'counter', 'Commits that failed.', this.commitFailures);
    metric('xietong_sync_compactions_total', 'counter', 'Update logs compacted into snapshots.', this.compactions);
    const reasons: RejectReason[] = [
      'malformed',
      'read-only',
      'forbidden',
      'unauthenticated',
      'too-large',
      'too-many-docs',
      'invalid-update',
      'rate-limited',
      'bad_signature',
      'event_refused',
      'event_invalid',
      'not_created',
      'unseen_ids',
      'gap',
      'slow-reader',
    ];
    for (const reason of reasons) {
      metric('xietong_sync_rejected_frames_total', 'counter', 'Frames or connections refused, by reason.', this.rejected.get(reason) ?? 0, `{reason="${reason}"}`);
    }
    return lines.join('\n') + '\n';
  }
}
