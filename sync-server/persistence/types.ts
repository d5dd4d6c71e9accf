/**
 * Where documents are kept. The server only talks to this interface, so the embedded SQLite
 * implementation can be replaced by a shared PostgreSQL one for several nodes (see README).
 * Every method may be asynchronous; the write pipeline awaits `append` before any update is
 * applied in memory, relayed, or shown in a state vector.
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

export interface AppendEntry {
  name: string;
  update: Uint8Array;
  /** The writer's session id; the changes feed does not send a client its own updates back. */
  origin: string;
  /** Owners recorded if this write creates the document (the creator's units). */
  creatorUnits: readonly string[];
}

export interface AppendResult {
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
}

export interface DocStore {
  load(name: string): Promise<StoredDoc | null>;
  /** Commits all entries durably in one transaction, in order; resolves once on disk. */
  append(entries: readonly AppendEntry[]): Promise<AppendResult[]>;
  /** Replaces the log up to `uptoSeq` by `snapshot`; log rows older than `pruneBeforeMs` are deleted. */
  compact(docId: number, snapshot: Uint8Array, uptoSeq: number, pruneBeforeMs: number): Promise<void>;
  /** Documents whose change sequence is greater than `since`, oldest change first. */
  changes(since: number, limit: number): Promise<ChangedDoc[]>;
  /** Logged updates of one document after `since`, leaving out those written by `excludeOrigin`. */
  logSince(docId: number, since: number, excludeOrigin: string): Promise<Uint8Array[]>;
  /** The whole stored state of one document (snapshot and tail), without loading it. */
  state(docId: number): Promise<Uint8Array[]>;
  head(): Promise<number>;
  close(): void;
}
