import { toBase64 } from '../../core/crypto/bytes';
import type { AppEvent } from '../../core/ipc/contract';
import type { Store } from '../store/store';

type Listener = (event: AppEvent) => void;

/**
 * Where carets go beyond this process: the sync binding's presence (main/sync/presence.ts). A
 * record is held there while a window edits it; windows' awareness updates are relayed to the
 * server, co-editors' come back through `onRemote`.
 */
export interface CaretRelay {
  edit(id: string): () => void;
  relay(id: string, update: Uint8Array): void;
  onRemote(listener: ((id: string, update: Uint8Array) => void) | null): void;
}

/**
 * Which windows edit which record, and the pushes to them: every committed Yjs update of a
 * record being edited (the window's own, another window's, the sync engine's) goes to the
 * windows as `editor-update`; a replica ignores what it already has (Yjs updates are
 * idempotent). Awareness updates (cursors) from windows go to the other windows here and to the
 * caret relay (the sync server's presence); co-editors' come back as `editor-awareness`.
 */
export class EditorHub {
  private readonly viewers = new Map<string, { windows: Set<string>; release: () => void }>();
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;

  constructor(
    store: Pick<Store, 'onUpdate'>,
    private readonly carets: CaretRelay | null = null,
  ) {
    this.unsubscribe = store.onUpdate((id, update) => {
      if (this.editing(id)) this.publish({ type: 'editor-update', id, update: toBase64(update) });
    });
    carets?.onRemote((id, update) => this.remoteAwareness(id, update));
  }

  open(id: string, viewer: string): void {
    let entry = this.viewers.get(id);
    if (!entry) this.viewers.set(id, (entry = { windows: new Set(), release: this.carets?.edit(id) ?? (() => {}) }));
    entry.windows.add(viewer);
  }

  close(id: string, viewer: string): void {
    const entry = this.viewers.get(id);
    if (!entry) return;
    entry.windows.delete(viewer);
    if (entry.windows.size > 0) return;
    this.viewers.delete(id);
    entry.release();
  }

  editing(id: string): boolean {
    return (this.viewers.get(id)?.windows.size ?? 0) > 0;
  }

  /** A window's awareness update: to co-editors in other windows here, and through the relay. */
  localAwareness(id: string, update: Uint8Array): void {
    this.publish({ type: 'editor-awareness', id, update: toBase64(update) });
    this.carets?.relay(id, update);
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
    this.carets?.onRemote(null);
    for (const entry of this.viewers.values()) entry.release();
    this.viewers.clear();
    this.listeners.clear();
  }
}
