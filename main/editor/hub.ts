import { toBase64 } from '../../core/crypto/bytes';
import type { AppEvent } from '../../core/ipc/contract';
import type { Store } from '../store/store';

type Listener = (event: AppEvent) => void;

/**
 * Which windows edit which record, and the pushes to them: every committed Yjs update of a
 * record being edited (the window's own, another window's, the sync engine's) goes to the
 * windows as `editor-update`; a replica ignores what it already has (Yjs updates are
 * idempotent). Awareness updates (cursors) from windows go to the relay (the sync engine's
 * presence, when connected) and co-editors' come back as `editor-awareness`.
 */
export class EditorHub {
  private readonly viewers = new Map<string, Set<string>>();
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;
  /** Where local awareness updates go (set by the sync binding); none while offline. */
  relay: ((id: string, update: Uint8Array) => void) | null = null;

  constructor(store: Store) {
    this.unsubscribe = store.onUpdate((id, update) => {
      if (this.viewers.get(id)?.size) this.publish({ type: 'editor-update', id, update: toBase64(update) });
    });
  }

  open(id: string, viewer: string): void {
    let set = this.viewers.get(id);
    if (!set) this.viewers.set(id, (set = new Set()));
    set.add(viewer);
  }

  close(id: string, viewer: string): void {
    const set = this.viewers.get(id);
    set?.delete(viewer);
    if (set && set.size === 0) this.viewers.delete(id);
  }

  editing(id: string): boolean {
    return (this.viewers.get(id)?.size ?? 0) > 0;
  }

  /** A window's awareness update: to co-editors in other windows here, and through the relay. */
  localAwareness(id: string, update: Uint8Array): void {
    this.publish({ type: 'editor-awareness', id, update: toBase64(update) });
    this.relay?.(id, update);
  }

  /** A co-editor's awareness update from the sync server. */
  remoteAwareness(id: string, update: Uint8Array): void {
    if (this.editing(id)) this.publish({ type: 'editor-awareness', id, update: toBase64(update) });
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(event: AppEvent): void {
    for (const l of this.listeners) l(event);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
