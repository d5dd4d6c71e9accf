/**
 * Where documents are kept. The server only talks to this interface, so the embedded SQLite
 * implementation can be replaced by a shared PostgreSQL one for several nodes (see README).
 * Every method may be asynchronous; the write pipeline awaits `append` before any update or
 * event is applied in memory, relayed, or shown in a state vector or the feed.
 */
export interface StoredDoc {
  id: number;
  /** The compacted state, if any, then every logged update after it, in commit order. */
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the newest update included. */
  seq: number;
  tailBytes: number;
}

/** A Yjs update of a record that exists (its `create` is appended, or it predates the kernel). */
export interface UpdateEntry {
  type: 'update';
  name: string;
  update: Uint8Array;
  /** The writer's session id; the changes feed does not send a client its own updates back. */
  origin: string;
}

/** A workflow event, already judged: appended with the record's sequence number `seq`. */
export interface EventEntry {
  type: 'event';
  name: string;
  seq: number;
  eventId: string;
  /** The event's canonical JSON (core/sync/event-json.ts). */
  data: string;
  /** Set for a `create` event: the record's kind and its creator's unit(s), fixed for good. */
  create: { kind: string; creatorUnits: readonly string[] } | null;
}

export type AppendEntry = UpdateEntry | EventEntry;

/** A record's event log as stored: kind (null: not created), creator, event-derived owners, events. */
export interface StoredRecord {
  docId: number | null;
  kind: string | null;
  creatorUnits: string[];
  eventOwners: string[];
  events: StoredEvent[];
}

export interface StoredEvent {
  seq: number;
  data: string;
}

export interface AppendResult {
  /** The server-wide sequence number (the feed position). */
  seq: number;
  docId: number;
  created: boolean;
}

export interface ChangedDoc {
  id: number;
  name: string;
  seq: number;
  createdSeq: number;
  aclSeq: number;
  changeSeq: number;
  prunedSeq: number;
  /** A record exists under the name (created, or from before the kernel). */
  exists: boolean;
}

export interface DocStore {
  load(name: string): Promise<StoredDoc | null>;
  /** Commits all entries durably in one transaction, in order; resolves once on disk. */
  append(entries: readonly AppendEntry[]): Promise<AppendResult[]>;
  /** Replaces the log up to `uptoSeq` by `snapshot`; log rows older than `pruneBeforeMs` are deleted. */
  compact(docId: number, snapshot: Uint8Array, uptoSeq: number, pruneBeforeMs: number): Promise<void>;
  /** Documents whose change sequence is greater than `since`, oldest change first. */
  changes(since: number, limit: number): Promise<ChangedDoc[]>;
  /** The record's kind, creator and events (all of them, in its order). */
  loadRecord(name: string): Promise<StoredRecord>;
  /** Events of one record appended after the feed position `since` (0: all), in the record's order. */
  eventsSince(docId: number, since: number): Promise<StoredEvent[]>;
  /** Names of every record (created, or from before the kernel): for re-deriving owners once after the schema 2 migration. */
  recordNames(): Promise<string[]>;
  /** Logged updates of one document after `since`, leaving out those written by `excludeOrigin`. */
  logSince(docId: number, since: number, excludeOrigin: string): Promise<Uint8Array[]>;
  /** The whole stored state of one document (snapshot and tail), without loading it. */
  state(docId: number): Promise<Uint8Array[]>;
  head(): Promise<number>;
  close(): void;
}
