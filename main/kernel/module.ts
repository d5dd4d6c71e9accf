import type { Handlers } from '../../core/ipc/dispatch';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Actor } from '../../core/kernel/actor';
import type { BlobServices } from '../blobs/services';
import type { Store } from '../store/store';
import type { EventSigning } from './signing';

/** What every area's main-side module gets from the app (main/app/handlers-index.ts). */
export interface AreaContext {
  store: Store;
  /** The host's clock; `--now` moves it (tests, demonstrations). */
  now: () => Date;
  /** The current identity (the demo session until login exists). */
  actor: () => Actor;
  /** Signs events as they are made and verifies them when read (main/kernel/signing.ts). */
  signing?: EventSigning;
  /** The profile's blob store (files of every area, main/blobs); one per app. */
  blobs?: BlobServices;
}

/**
 * An area's main-side module, listed in main/areas.ts (AREA_MODULES): the handlers of the
 * area's own contract methods (where the generic `records.*` do not fit: 督办's list with its
 * facets, 一屏通览 …) and the notifications it computes when asked (they depend on today).
 */
export interface AreaModule<C extends AreaContext = AreaContext> {
  handlers(ctx: C): Partial<Handlers>;
  notices?(ctx: C, actor: Actor, today: string): AppNotification[];
  /**
   * The PDF of one of this area's records for its archive package (a 公文: GB/T 9704); null for
   * a record of another area. Without one, main/archive prints a 归档登记表.
   */
  archivePdf?(store: Store, id: string, at: Date): Promise<{ pdf: Buffer; pages: number } | null>;
}
