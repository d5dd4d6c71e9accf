import { BlobStore, type BlobStoreOptions } from './blob-store';
import { UploadSessions } from './upload-sessions';

/**
 * The profile's blob store and the renderer's uploads, opened on first use (a profile that never
 * touches a file never creates `blobs/`). One per app: handlers, the sync binding and the
 * migration of old `files` entries share it; `close()` with the app.
 */
export class BlobServices {
  private opened: { store: BlobStore; uploads: UploadSessions } | null = null;

  constructor(private readonly opts: BlobStoreOptions) {}

  get store(): BlobStore {
    return this.open().store;
  }

  get uploads(): UploadSessions {
    return this.open().uploads;
  }

  /** Closes the index now; uploads still open are dropped (their temp files go with them). */
  close(): void {
    const opened = this.opened;
    this.opened = null;
    if (!opened) return;
    void opened.uploads.closeAll();
    opened.store.close();
  }

  private open(): { store: BlobStore; uploads: UploadSessions } {
    if (!this.opened) {
      const store = BlobStore.open(this.opts);
      this.opened = { store, uploads: new UploadSessions({ blobs: store, ...(this.opts.now ? { now: this.opts.now } : {}) }) };
    }
    return this.opened;
  }
}
