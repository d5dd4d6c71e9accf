import { z } from 'zod';

/**
 * The sync parts of the contract: the background sync engine's status, configuring the server
 * (设置 → 数据同步), presence on a record, and the events main pushes about them.
 * Spread into `contract` (methods) and `AppEvent` (events) in contract.ts.
 */

/** `disabled`: no server configured (未配置), the app works offline; the rest as the engine reports. */
export const SyncState = z.enum(['disabled', 'offline', 'connecting', 'syncing', 'online']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncUser = z.object({
  login: z.string(),
  name: z.string(),
  units: z.array(z.string()),
  role: z.string(),
});
export type SyncUser = z.infer<typeof SyncUser>;

/** A record removed from this machine because the user may no longer see it. */
export const RemovedRecord = z.object({ id: z.string(), title: z.string(), at: z.string() });
export type RemovedRecord = z.infer<typeof RemovedRecord>;

export const SyncStatusView = z.object({
  state: SyncState,
  /** The server's address (ws://…), null while not configured. */
  server: z.string().nullable(),
  /** Who is logged in to the server; null while not configured. */
  user: SyncUser.nullable(),
  /** Records with local changes the server has not confirmed yet. */
  pending: z.number().int().nonnegative(),
  /** When the engine last caught up with the server (ISO instant). */
  lastSyncAt: z.string().nullable(),
  /** The last problem, in words for the user; null while things work. */
  error: z.string().nullable(),
  /**
   * The server no longer takes the saved login (token expired or revoked, or it cannot be read
   * on this machine): syncing waits until the user logs in again (重新登录). `error` says why.
   */
  needsLogin: z.boolean(),
  /** Records removed because access was lost, newest first (the last 20). */
  removed: z.array(RemovedRecord),
  /**
   * Goes up whenever anything above changes. An answer and an event travel on different
   * channels, so a window keeps whichever it received with the higher version.
   */
  version: z.number().int().nonnegative(),
});
export type SyncStatusView = z.infer<typeof SyncStatusView>;

export const PresenceUser = z.object({ login: z.string(), name: z.string(), unit: z.string() });
export type PresenceUser = z.infer<typeof PresenceUser>;

export const PresenceView = z.object({ recordId: z.string().nullable(), users: z.array(PresenceUser) });
export type PresenceView = z.infer<typeof PresenceView>;

const Empty = z.object({}).strict().default({});

export const SyncConfigure = z
  .object({
    /** ws://host:port (http:// is accepted and turned into ws://). */
    url: z.string().trim().min(1).max(500),
    login: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const SyncConfigureWithCertificate = z
  .object({
    /** ws://host:port (http:// is accepted and turned into ws://). */
    url: z.string().trim().min(1).max(500),
    /** The PIN that unlocks the current identity's key; it never leaves the main process. */
    pin: z.string().min(1).max(64),
  })
  .strict();

export const SyncViewing = z
  .object({
    /** One window (or browser tab): a random id it keeps while open. */
    viewer: z.string().min(1).max(100),
    /** The record the window shows, or null when it shows none. */
    recordId: z.string().min(1).max(100).nullable(),
  })
  .strict();

export const syncMethods = {
  status: { input: Empty, output: SyncStatusView },
  /** Logs in (POST /auth/login), keeps the token in the profile and starts syncing. */
  configure: { input: SyncConfigure, output: SyncStatusView },
  /**
   * 数字证书登录: signs the server's challenge (POST /auth/challenge, /auth/cert-login) with the
   * current identity's SM2 key, unlocked by `pin`; then as `configure`. A wrong PIN is WRONG_PIN
   * (PIN_LOCKED during the back-off) and leaves the saved login as it was.
   */
  configureWithCertificate: { input: SyncConfigureWithCertificate, output: SyncStatusView },
  /** Logs out: syncing stops, local data stays; local edits are still tracked for the next login. */
  disconnect: { input: Empty, output: SyncStatusView },
  /**
   * What a window shows, repeated every ~15 s while it shows it (a window that vanishes is
   * forgotten after 45 s). Returns who else is viewing that record.
   */
  viewing: { input: SyncViewing, output: PresenceView },
} as const;

export const SYNC_EVENTS = [
  z.object({ type: z.literal('sync-status'), status: SyncStatusView }),
  /** Who else is viewing a record (the local user excluded). */
  z.object({ type: z.literal('presence'), recordId: z.string(), users: z.array(PresenceUser) }),
  /** Records removed because access was lost; `message` is what to tell the user. */
  z.object({ type: z.literal('records-removed'), records: z.array(RemovedRecord), message: z.string() }),
] as const;
