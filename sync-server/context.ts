import type { Logger } from 'pino';
import type { TrustStore } from '../core/crypto/x509/chain';
import type { AreaRegistry } from '../core/kernel/registry';
import type { AccessControl } from './auth/access';
import type { RecordLogs } from './events/record-logs';
import type { OutboundBudget } from './connections/outbound-budget';
import type { BlobService } from './blobs/service';
import type { FeedService } from './feed';
import type { Limits } from './limits';
import type { Metrics } from './metrics';
import type { Rooms } from './rooms/rooms';
import type { WritePipeline } from './write-pipeline';

/** What every connection needs from the server; passed in, so tests can assemble their own. */
export interface ServerContext {
  log: Logger;
  metrics: Metrics;
  limits: Limits;
  /** The server-wide budget of bytes queued to sockets. */
  outbound: OutboundBudget;
  rooms: Rooms;
  /** Each record's event log, kind and existence (events/). */
  records: RecordLogs;
  /** The areas events are judged by (kind → payload schemas, rules, can(), access). */
  registry: AreaRegistry;
  pipeline: WritePipeline;
  access: AccessControl;
  feed: FeedService;
  /** Delay before a writer is sent a fresh state vector (its durable acknowledgement). */
  ackDelayMs: number;
  now: () => number;
  /** The CA (+ CRL) that signed events must chain to; null: signatures are not checked. */
  eventTrust?: TrustStore | null;
  /** Blobs: the event path records each event's refs with `blobs.addRefs(docId, sm3s, actor)`. */
  blobs?: BlobService;
}
