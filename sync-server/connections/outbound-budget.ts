/** A socket whose queued outgoing bytes count against the server-wide budget. */
export interface Outbound {
  /** Bytes queued to this socket and not yet taken by the kernel. */
  buffered(): number;
  /** Cut off for reading too slowly (the connection drops its queue at once). */
  cutOff(buffered: number): void;
}

/**
 * One budget for the bytes queued to all sockets (issue 9: each may hold `maxBufferedBytes`,
 * and 8 never-reading sockets took the server to 950 MB).
 *
 * It counts memory, not sends: a message is counted once however many sockets it is queued to
 * (a relay, or one sync step 2 shared by newcomers, is one buffer that ws sends without copying),
 * from the send until the last socket has written it out or dropped it (the send callbacks).
 * Over the budget, the sockets with the most queued — the slowest readers — are cut until it
 * fits. Within one event-loop turn the total may pass the budget while that turn's work is
 * sent; it is back under it the next turn. Cost: O(1) per send; O(sockets) per cut.
 */
export class OutboundBudget {
  private total = 0;
  private peakBytes = 0;
  private readonly inflight = new Map<Uint8Array, number>();
  private readonly sockets = new Set<Outbound>();
  /** Queued bytes of sockets cut in this turn, whose callbacks have not run yet. */
  private releasing = 0;
  private recheck = false;

  constructor(readonly max: number) {}

  /** Bytes queued now (a gauge on /metrics). */
  get bytes(): number {
    return this.total;
  }

  /** The most ever queued at once since start (a gauge on /metrics). */
  get peak(): number {
    return this.peakBytes;
  }

  add(socket: Outbound): void {
    this.sockets.add(socket);
  }

  remove(socket: Outbound): void {
    this.sockets.delete(socket);
  }

  /** Counts `bytes` as queued (once per distinct buffer); call the result when its send is done. */
  hold(bytes: Uint8Array): () => void {
    const refs = this.inflight.get(bytes) ?? 0;
    if (refs === 0) {
      this.total += bytes.length;
      this.peakBytes = Math.max(this.peakBytes, this.total);
    }
    this.inflight.set(bytes, refs + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inflight.get(bytes) ?? 1) - 1;
      if (left > 0) this.inflight.set(bytes, left);
      else {
        this.inflight.delete(bytes);
        this.total -= bytes.length;
      }
    };
  }

  /**
   * After sends: while over the budget, cuts the slowest reader. A cut frees its buffers only
   * when its callbacks run (a turn later), so until then its queue is taken as freed already
   * (`releasing`), and the real total is judged again in the next turn.
   */
  enforce(): void {
    while (this.total - this.releasing > this.max) {
      let slowest: Outbound | null = null;
      let most = 0;
      for (const socket of this.sockets) {
        const queued = socket.buffered();
        if (queued > most) [slowest, most] = [socket, queued];
      }
      if (!slowest) break;
      this.releasing += most;
      this.sockets.delete(slowest);
      slowest.cutOff(most);
    }
    if (this.releasing > 0 && !this.recheck) {
      this.recheck = true;
      setImmediate(() => {
        this.recheck = false;
        this.releasing = 0;
        this.enforce();
      });
    }
  }
}
