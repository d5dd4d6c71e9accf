/**
 * Fan-out between server nodes. One node needs none: a room relays to its own members. With
 * several nodes (see README, "Beyond one machine"), a Redis implementation publishes every
 * committed update and awareness change per document, and each node applies what others
 * published to its loaded copy (it is already durable in the shared store) and relays it to its
 * own members.
 */
export interface Fanout {
  publishUpdate(doc: string, seq: number, update: Uint8Array): void;
  publishAwareness(doc: string, update: Uint8Array): void;
  /** Receives other nodes' messages for a document while it is loaded here. */
  subscribe(doc: string, handlers: { update(seq: number, update: Uint8Array): void; awareness(update: Uint8Array): void }): () => void;
  close(): Promise<void>;
}

export class LocalFanout implements Fanout {
  publishUpdate(): void {}
  publishAwareness(): void {}
  subscribe(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}
