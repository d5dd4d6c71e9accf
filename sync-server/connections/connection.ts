import { randomUUID } from 'node:crypto';
import type { WebSocket, RawData } from 'ws';
import type { User } from '../../core/sync/accounts';
import { CloseCode, CloseReason } from '../../core/sync/protocol';
import { MalformedFrame } from '../../core/sync/mux';
import type { ServerContext } from '../context';
import { TokenBucket } from '../limits';
import type { Outbound } from './outbound-budget';

/** One viewer shows one presence per open record; a connection rarely has more than a few. */
const PRESENCE_PER_CONNECTION = 64;

/** Frames one connection may have handled per event-loop turn before others get theirs. */
const FRAMES_PER_TURN = 64;
/** Frames queued before the socket is paused (TCP backpressure) until the queue drains. */
const MAX_QUEUED_FRAMES = 4096;

/**
 * What every authenticated socket shares: byte and message accounting, rate limits (pausing the
 * socket rather than dropping frames), a slow-reader cut-off, token expiry, keepalive, and the
 * rule that a malformed frame closes this connection and nothing else. Frames are handled at most
 * FRAMES_PER_TURN per event-loop turn, so a burst of a thousand tiny frames that arrived in one
 * TCP read cannot keep another user's frame waiting behind all of it (issue 9, item 2).
 */
export abstract class Connection implements Outbound {
  readonly sessionId: string;
  lastSentAt: number;
  closed = false;
  /** Presence entries over all this connection's documents (rooms/presence.ts). */
  readonly presenceBudget = { used: 0, max: PRESENCE_PER_CONNECTION };
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private resumeTimer: NodeJS.Timeout | null = null;
  private readonly inbox: Uint8Array[] = [];
  private draining = false;
  private pausedForInbox = false;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly ws: WebSocket,
    public user: User,
    protected readonly ctx: ServerContext,
    tokenExp: number,
    sessionId: string | null,
  ) {
    this.sessionId = sessionId ?? randomUUID();
    this.lastSentAt = ctx.now();
    ctx.metrics.connections++;
    ctx.metrics.connectionsTotal++;
    ctx.outbound.add(this);
    const l = ctx.limits;
    this.messages = new TokenBucket(l.messagesPerSecond, l.messageBurst, ctx.now);
    this.bytes = new TokenBucket(l.bytesPerSecond, l.byteBurst, ctx.now);
    const untilExpiry = tokenExp * 1000 - ctx.now();
    this.expiryTimer = setTimeout(() => this.close(CloseCode.unauthenticated, 'token expired / 登录已过期'), Math.min(untilExpiry, 2 ** 31 - 1));
    ws.on('message', (data, isBinary) => this.onRaw(data, isBinary));
    ws.on('close', () => this.dispose());
    ws.on('error', (err) => this.onSocketError(err));
  }

  protected abstract onFrame(bytes: Uint8Array): void;
  /** Re-evaluates access after an access change; closes or narrows what is no longer allowed. */
  abstract recheckAccess(): void;
  protected abstract release(): void;

  private onRaw(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const bytes = toBytes(data);
    this.ctx.metrics.messagesIn++;
    this.ctx.metrics.bytesIn += bytes.length;
    const wait = Math.max(this.messages.take(1), this.bytes.take(bytes.length));
    if (wait > 0) this.throttle(wait);
    if (!isBinary) {
      this.malformed(new MalformedFrame('text frame'));
      return;
    }
    this.inbox.push(bytes);
    if (this.inbox.length >= MAX_QUEUED_FRAMES && !this.pausedForInbox) {
      this.pausedForInbox = true;
      this.ws.pause();
    }
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    for (let n = 0; n < FRAMES_PER_TURN && this.inbox.length > 0 && !this.closed; n++) this.handle(this.inbox.shift()!);
    if (this.inbox.length > 0 && !this.closed) {
      setImmediate(() => this.drain());
      return;
    }
    this.draining = false;
    if (this.pausedForInbox) {
      this.pausedForInbox = false;
      if (!this.closed && !this.resumeTimer) this.ws.resume();
    }
  }

  private handle(bytes: Uint8Array): void {
    try {
      this.onFrame(bytes);
    } catch (err) {
      if (err instanceof MalformedFrame) this.malformed(err);
      else {
        this.ctx.log.error({ err: String(err), stack: (err as Error).stack, user: this.user.login }, 'frame handling failed');
        this.close(CloseCode.internal);
      }
    }
  }

  private onSocketError(err: Error): void {
    // ws closes with 1009 by itself after this error; counting it here is the only place it is seen.
    if ((err as NodeJS.ErrnoException).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      this.ctx.metrics.reject('too-large');
      this.ctx.log.info({ user: this.user.login }, 'frame too large; closed with 1009');
    } else this.ctx.log.debug({ err: String(err), user: this.user.login }, 'socket error');
  }

  private throttle(ms: number): void {
    this.ctx.metrics.reject('rate-limited');
    if (this.resumeTimer) return;
    this.ws.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.closed && !this.pausedForInbox) this.ws.resume();
    }, ms);
  }

  malformed(err: unknown): void {
    this.ctx.metrics.reject('malformed');
    this.ctx.log.info({ user: this.user.login, err: err instanceof Error ? err.message : String(err) }, 'malformed frame; closing');
    this.close(CloseCode.malformed);
  }

  unavailable(name: string, err: unknown): void {
    this.ctx.log.error({ doc: name, err: String(err) }, 'document unavailable');
    this.close(CloseCode.internal);
  }

  send(bytes: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) return this.cutOff(this.ws.bufferedAmount);
    // Counted against the server-wide budget until written out or dropped.
    this.ws.send(bytes, this.ctx.outbound.hold(bytes));
    this.lastSentAt = this.ctx.now();
    this.ctx.metrics.messagesOut++;
    this.ctx.metrics.bytesOut += bytes.length;
    this.ctx.outbound.enforce();
  }

  buffered(): number {
    return this.ws.bufferedAmount;
  }

  /**
   * A reader too slow for its own limit or the server's budget: dropped at once, since a close
   * frame would wait behind the queue it is not reading and the memory would stay held. The
   * client reconnects (1006) and catches up from the state vector.
   */
  cutOff(buffered: number): void {
    if (this.closed) return;
    this.ctx.metrics.reject('slow-reader');
    this.ctx.log.warn({ user: this.user.login, buffered }, 'slow reader; disconnected');
    this.dispose();
    this.ws.terminate();
  }

  /** Sends something harmless when idle: stock clients drop connections silent for 30 s. */
  abstract keepalive(): void;

  close(code: number, reason?: string): void {
    if (this.closed) return;
    const text = reason ?? CloseReason[code as keyof typeof CloseReason] ?? '';
    this.ws.close(code, text);
    this.dispose();
    // A peer that never completes the closing handshake is cut off.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.inbox.length = 0;
    this.ctx.outbound.remove(this);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.ctx.metrics.connections--;
    this.release();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
