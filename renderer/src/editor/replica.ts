import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../../core/crypto/bytes';
import type { EditorSession } from '../../../core/ipc/editor';
import type { AppEvent } from '../../../core/ipc/contract';
import { attachSuggestionLedger } from '../../../core/editor/suggestion-ledger';

/** What the replica needs of the bridge (the typed api and the app events), injected for tests. */
export interface ReplicaPort {
  open(input: { id: string; viewer: string; sv: string }): Promise<EditorSession>;
  push(input: { id: string; update: string }): Promise<unknown>;
  close(input: { id: string; viewer: string }): Promise<unknown>;
  awareness(input: { id: string; update: string }): Promise<unknown>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  onResync(listener: () => void): () => void;
}

const FROM_MAIN = 'main';

/**
 * The renderer's replica of a record's Y.Doc (core/ipc/editor.ts): the editor binds to it, so
 * typing never waits for main. Local transactions are pushed as they happen (in order, one at a
 * time; what main has not accepted is kept and sent again at the next resync); main's pushes are
 * applied with origin 'main' and never echoed. Awareness (cursors) travels the same way.
 */
export class Replica {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  session: EditorSession | null = null;
  private readonly viewer = `v-${Math.random().toString(36).slice(2)}`;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly offs: Array<() => void> = [];
  private closed = false;
  private onError: (message: string) => void = () => {};
  /** Local updates main has not accepted yet, in order. */
  private unsent: Uint8Array[] = [];
  /** The 修订 ledger, kept while this person may edit (a reader's replica must not write). */
  private detachLedger: (() => void) | null = null;

  constructor(
    readonly id: string,
    private readonly port: ReplicaPort,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_MAIN) this.send(update);
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      if (origin === FROM_MAIN || this.closed) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
      void port.awareness({ id, update: toBase64(update) }).catch(() => {});
    });
    this.offs.push(
      port.onEvent((event) => {
        if (event.type === 'editor-update' && event.id === id) Y.applyUpdate(this.doc, fromBase64(event.update), FROM_MAIN);
        if (event.type === 'editor-awareness' && event.id === id) awarenessProtocol.applyAwarenessUpdate(this.awareness, fromBase64(event.update), FROM_MAIN);
      }),
      port.onResync(() => void this.sync()),
    );
  }

  setErrorHandler(handler: (message: string) => void): void {
    this.onError = handler;
  }

  /**
   * Sync step 1 and 2: main's missing updates in, ours out. Ours are the local updates main has
   * not accepted, not a diff against main's state vector: such a diff always carries the whole
   * delete set, which a reader (who may not edit) would push, and have refused, at every open.
   */
  async sync(): Promise<EditorSession> {
    const session = await this.port.open({ id: this.id, viewer: this.viewer, sv: toBase64(Y.encodeStateVector(this.doc)) });
    Y.applyUpdate(this.doc, fromBase64(session.update), FROM_MAIN);
    this.session = session;
    if (session.canEdit && !this.detachLedger && !this.closed) this.detachLedger = attachSuggestionLedger(this.doc, { deferOwn: (run) => queueMicrotask(run) });
    if (!session.canEdit && this.detachLedger) {
      this.detachLedger();
      this.detachLedger = null;
    }
    this.flush();
    return session;
  }

  private send(update: Uint8Array): void {
    this.unsent.push(update);
    this.flush();
  }

  /** Pushes what main lacks of ours as one update, after any push under way. */
  private flush(): void {
    this.queue = this.queue.then(async () => {
      const batch = this.unsent.slice();
      if (batch.length === 0) return;
      try {
        await this.port.push({ id: this.id, update: toBase64(batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch)) });
        // Updates made during the push stay for the next one.
        this.unsent = this.unsent.slice(batch.length);
      } catch (err) {
        this.onError(err instanceof Error ? err.message : String(err));
      }
    });
  }

  /** Resolves when every local change so far reached main. */
  settled(): Promise<unknown> {
    return this.queue;
  }

  close(): void {
    if (this.closed) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.closed = true;
    this.detachLedger?.();
    for (const off of this.offs) off();
    void this.port.close({ id: this.id, viewer: this.viewer }).catch(() => {});
    this.awareness.destroy();
    this.doc.destroy();
  }
}
