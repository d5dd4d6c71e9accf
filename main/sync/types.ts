import type { RecordEvent, StoredEvent } from '../../core/kernel/event';

/**
 * A record's workflow events as the local store keeps them (core/kernel/README.md, "Local
 * store"): the store's own API, so the app's Store satisfies it as it is (see EventStore in
 * store-storage.ts). Events travel outside the Y.Doc: made here they are `pending` until the
 * server appends them (`applyRemoteEvents` with their seq confirms them) or refuses them
 * (`rejectEvent`, kept and shown with the reason); events from others arrive confirmed.
 */
export interface SyncEventStorage {
  /** Confirmed by seq, then pending in local order, then rejected. */
  events(id: string): StoredEvent[];
  /** Confirms pending events of the same ids, or adds them; creates the record if unknown and the first is its `create`. */
  applyRemoteEvents(id: string, events: ReadonlyArray<{ seq: number; event: RecordEvent }>): void;
  rejectEvent(id: string, eventId: string, reason: string): void;
  /** Every pending event: records in a stable order, each record's events in local order. */
  pendingEvents(): Array<{ id: string; event: RecordEvent }>;
  /** The highest server seq confirmed for the record (0: none). */
  confirmedSeq(id: string): number;
  /** Events added to the store: `local` ones were made on this machine (to submit). */
  onEvent(listener: (id: string, event: RecordEvent, origin: 'local' | 'remote') => void): () => void;
}

/**
 * What the sync engine needs from the local store, and from the network. The engine is written
 * against these interfaces only: the app passes its SQLite store (through an adapter), tests an
 * in-memory one (`MemoryStorage`).
 */
export interface SyncStorage extends SyncEventStorage {
  /** Every local document id (the server's document name). */
  listDocIds(): string[];
  encodeStateVector(id: string): Uint8Array;
  /** What a peer with state vector `sv` lacks (the whole document for an empty vector). */
  encodeDiff(id: string, sv: Uint8Array): Uint8Array;
  /** Applies an update from the server, creating the document if needed; never reported as local. */
  applyRemote(id: string, update: Uint8Array): void;
  /** Updates made on this machine (by any window), after they are saved locally. */
  onLocalUpdate(listener: (id: string, update: Uint8Array) => void): () => void;
  /** Deletes a document the user may no longer see. */
  remove(id: string): void;
  /** A little durable key-value space for the engine's bookkeeping (feed position, unsent docs). */
  loadMeta(key: string): string | null;
  saveMeta(key: string, value: string): void;
}

export interface TransportHandlers {
  onOpen(): void;
  onMessage(data: Uint8Array): void;
  onClose(code: number, reason: string): void;
  /** Bytes arrived (even part of a message): the connection is alive, however long a message is. */
  onActivity(): void;
}

export interface TransportSocket {
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type Transport = (url: string, handlers: TransportHandlers) => TransportSocket;

export type SyncState = 'disabled' | 'offline' | 'connecting' | 'syncing' | 'online';

export interface SyncStatus {
  state: SyncState;
  /**
   * Local changes the server has not accepted yet: records with unsent field or body edits, plus
   * workflow events not yet appended by the server.
   */
  pending: number;
  /** When the engine last finished catching up with the server (ms since epoch). */
  lastSyncAt: number | null;
  /** The last error, in Chinese for the status bar; null once things work again. */
  error: string | null;
  /**
   * The server refused the token (closed with 4401: expired or revoked). The engine waits for
   * setToken(); the app offers 重新登录. A flag, so nobody has to parse `error`'s words.
   */
  needsLogin: boolean;
}

export interface SyncEvents {
  status: (status: SyncStatus) => void;
  /** Documents removed locally because the user may no longer see them. */
  revoked: (ids: string[]) => void;
  /** A document changed because of the server (for views to refresh). */
  remoteChange: (id: string) => void;
}
