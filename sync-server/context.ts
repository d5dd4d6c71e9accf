import type { Logger } from 'pino';
import type { TrustStore } from '../core/crypto/x509/chain';
import type { AccessControl } from './auth/access';
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
  rooms: Rooms;
  pipeline: WritePipeline;
  access: AccessControl;
  feed: FeedService;
  /** Delay before a writer is sent a fresh state vector (its durable acknowledgement). */
  ackDelayMs: number;
  now: () => number;
  /** The CA (+ CRL) that signed 督办 events must chain to; null: events are not checked. */
  eventTrust?: TrustStore | null;
  /** Blobs: the event path records each event's refs with `blobs.addRefs(docId, sm3s, actor)`. */
  blobs?: BlobService;
}
