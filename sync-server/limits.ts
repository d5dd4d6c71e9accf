/**
 * Per-connection limits. Rates are token buckets: a connection that sends faster than allowed is
 * paused (TCP backpressure) until its bucket refills, rather than having updates dropped, which
 * would silently break convergence for that client.
 */
export interface Limits {
  /** Largest frame accepted; larger ones close the connection (1009). */
  maxMessageBytes: number;
  /** Sustained frames per second per connection, and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Sustained bytes per second per connection, and the burst. */
  bytesPerSecond: number;
  byteBurst: number;
  /** Documents one multiplexed connection may have open at once. */
  maxDocsPerConnection: number;
  /** Bytes queued for a slow reader before it is disconnected. */
  maxBufferedBytes: number;
  /** Bytes queued for all sockets together; over it, the slowest readers are cut first. */
  maxTotalBufferedBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 16 * 1024 * 1024,
  messagesPerSecond: 500,
  messageBurst: 2000,
  bytesPerSecond: 4 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  maxDocsPerConnection: 1000,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxTotalBufferedBytes: 256 * 1024 * 1024,
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens (possibly going into debt); returns how long to pause, in ms (0: none). */
  take(n: number): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.rate);
  }
}
