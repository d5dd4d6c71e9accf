/**
 * Reconnect delays: exponential with full jitter (a random delay between 0 and the capped
 * exponential), so that a whole office reconnecting after a server restart spreads out instead
 * of arriving at once.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.floor(this.baseMs / 2 + this.random() * (cap - this.baseMs / 2));
  }

  reset(): void {
    this.attempt = 0;
  }
}
