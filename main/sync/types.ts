/**
 * What the sync engine needs from the local store, and from the network. The engine is written
 * against these interfaces only: the app passes its SQLite store (through an adapter), tests an
 * in-memory one (`MemoryStorage`).
 */
export interface SyncStorage {
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
  /** Documents with local changes the server has not acknowledged yet. */
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
