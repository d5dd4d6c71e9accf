import { z } from 'zod';
import type { AppEvent } from '../../core/ipc/contract';
import type { Handlers } from '../../core/ipc/dispatch';
import { SyncUser, type PresenceUser, type RemovedRecord, type SyncStatusView } from '../../core/ipc/sync';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { LoginKey } from './login-key';
import { PresenceHub } from './presence';
import { certificateLogin, normalizeServerUrl, passwordLogin, tokenLogin, whoAmI, type FetchLike } from './server-login';
import { StoreStorage } from './store-storage';

/** Where the server and login are kept: the profile's meta table (one profile = one user). */
const CONFIG_KEY = 'sync.config';
const SavedConfig = z.object({ url: z.string(), token: z.string(), user: SyncUser.nullable() });
type SavedConfig = z.infer<typeof SavedConfig>;

export interface SyncConnectOptions {
  url: string;
  token: string;
}

export interface SyncBindingOptions {
  store: Store;
  /**
   * Connect at start with this server and token (`--sync-url`/`--sync-token`, or
   * XIETONG_SYNC_URL/XIETONG_SYNC_TOKEN); replaces a login saved in the profile.
   */
  connect?: SyncConnectOptions | null;
  fetch?: FetchLike;
  /** The current identity's key for 数字证书 login (login-key.ts); omitted: that login is refused. */
  loginKey?: LoginKey;
  now?: () => number;
  /** Engine tuning (tests shorten the back-off). */
  engine?: Pick<SyncEngineOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'transport' | 'watchdogMs'>;
}

const defaultFetch: FetchLike = (url, init) => fetch(url, init);

/**
 * The app's side of sync, in the main process: one engine per profile, shared by every window
 * (and running whether or not a window is open), configured in 设置 (server + login → token, kept
 * in the profile), its status, presence and removals pushed to windows as AppEvents, and the
 * contract's `sync.*` handlers. With no server configured nothing runs: status `disabled` (未配置).
 */
export class SyncBinding {
  readonly handlers: Handlers['sync'];
  private readonly store: Store;
  private readonly storage: StoreStorage;
  private readonly presence: PresenceHub;
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private config: SavedConfig | null;
  private engine: SyncEngine | null = null;
  private detachEngine: Array<() => void> = [];
  private removed: RemovedRecord[] = [];
  /** The content of the last status computed, and its version (see SyncStatusView.version). */
  private lastStatus = '';
  private statusVersion = 0;
  private publishedVersion = -1;
  /** A config from a token, whose user's name and units are still to be asked (`GET /auth/me`) once online. */
  private unnamed: SavedConfig | null = null;
  private asking = false;

  constructor(private readonly opts: SyncBindingOptions) {
    this.store = opts.store;
    this.fetch = opts.fetch ?? defaultFetch;
    this.now = opts.now ?? Date.now;
    this.storage = new StoreStorage(this.store);
    this.config = this.loadConfig();
    if (opts.connect) {
      const url = normalizeServerUrl(opts.connect.url);
      // A new token for the same user keeps the name and units learnt before (until refreshed).
      const sameUser = this.config?.url === url && this.config.user?.login === tokenLogin(opts.connect.token);
      this.config = { url, token: opts.connect.token, user: sameUser ? (this.config?.user ?? null) : null };
      this.saveConfig();
      this.unnamed = this.config;
    } else if (this.config && !this.config.user) this.unnamed = this.config;
    this.presence = new PresenceHub(this.presenceUser(), (recordId, users) => this.publish({ type: 'presence', recordId, users }));
    if (this.config) this.startEngine(this.config);
    this.handlers = {
      status: () => this.status(),
      configure: (input) => this.configure(input.url, input.login, input.password),
      configureWithCertificate: (input) => this.configureWithCertificate(input.url, input.pin),
      disconnect: () => this.disconnect(),
      viewing: ({ viewer, recordId }) => ({ recordId, users: this.presence.view(viewer, recordId) }),
    };
  }

  /** The configured server (for app.info), or null. */
  server(): string | null {
    return this.config?.url ?? null;
  }

  status(): SyncStatusView {
    const content = this.statusContent();
    const key = JSON.stringify(content);
    if (key !== this.lastStatus) {
      this.lastStatus = key;
      this.statusVersion++;
    }
    return { ...content, version: this.statusVersion };
  }

  private statusContent(): Omit<SyncStatusView, 'version'> {
    const config = this.config;
    const engine = this.engine?.status();
    if (!config) return { state: 'disabled', server: null, user: null, pending: 0, lastSyncAt: null, error: null, removed: this.removed };
    return {
      state: engine?.state ?? 'offline',
      server: config.url,
      user: config.user ?? this.userFromToken(config.token),
      pending: engine?.pending ?? 0,
      lastSyncAt: engine?.lastSyncAt ? new Date(engine.lastSyncAt).toISOString() : null,
      error: engine?.error ?? null,
      removed: this.removed,
    };
  }

  /** AppEvents for every window: sync-status, presence, records-removed. */
  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once online, caught up and nothing is pending (tests). */
  whenIdle(): Promise<void> {
    return this.engine ? this.engine.whenIdle() : Promise.resolve();
  }

  close(): void {
    this.stopEngine();
    this.presence.close();
    this.storage.detach();
    this.listeners.clear();
  }

  private async configure(url: string, login: string, password: string): Promise<SyncStatusView> {
    const wsUrl = normalizeServerUrl(url);
    const reply = await passwordLogin(this.fetch, wsUrl, login, password);
    return this.adopt(wsUrl, reply);
  }

  private async configureWithCertificate(url: string, pin: string): Promise<SyncStatusView> {
    const wsUrl = normalizeServerUrl(url);
    const key = this.opts.loginKey;
    if (!key) throw new AppError('UNSUPPORTED', '此运行方式不支持数字证书登录');
    // Everything that can fail (server, PIN, certificate) happens before the saved login is touched.
    const reply = await certificateLogin(this.fetch, wsUrl, (challenge) => key.answer(challenge, pin));
    return this.adopt(wsUrl, reply);
  }

  /** A successful login of either kind: keep it in the profile and sync with it. */
  private adopt(wsUrl: string, reply: { token: string; user: z.infer<typeof SyncUser> }): SyncStatusView {
    this.stopEngine();
    this.config = { url: wsUrl, token: reply.token, user: reply.user };
    this.saveConfig();
    this.presence.setUser(this.presenceUser());
    this.startEngine(this.config);
    return this.status();
  }

  private disconnect(): SyncStatusView {
    this.stopEngine();
    this.config = null;
    // The engine's bookkeeping stays: local edits keep being tracked (store-storage.ts) and a
    // later login to the same server as the same user resumes where this one stopped.
    this.store.setMeta(CONFIG_KEY, null);
    this.publishStatus();
    return this.status();
  }

  private startEngine(config: SavedConfig): void {
    const login = config.user?.login ?? tokenLogin(config.token) ?? '';
    const engine = new SyncEngine({ storage: this.storage, url: config.url, token: config.token, accountKey: `${config.url}#${login}`, ...this.opts.engine });
    this.engine = engine;
    this.detachEngine = [engine.on('status', () => this.publishStatus()), engine.on('revoked', (ids) => this.revoked(ids))];
    engine.start();
    this.presence.attach(engine);
    this.publishStatus();
  }

  private stopEngine(): void {
    this.presence.attach(null);
    for (const off of this.detachEngine) off();
    this.detachEngine = [];
    this.engine?.destroy();
    this.engine = null;
  }

  /**
   * A token given on the command line names only a login: once the server is reachable, ask it
   * for the name and units (again after every start with a new token, so renames show up).
   */
  private async learnUser(config: SavedConfig): Promise<void> {
    this.asking = true;
    try {
      const { user } = await whoAmI(this.fetch, config.url, config.token);
      if (this.unnamed === config) this.unnamed = null;
      if (this.config !== config) return;
      config.user = user;
      this.saveConfig();
      this.presence.setUser(this.presenceUser());
      this.publishStatus();
    } catch {
      // Refused or unreachable: the engine reports the connection; retried when it is online again.
    } finally {
      this.asking = false;
    }
  }

  private revoked(ids: string[]): void {
    const at = new Date(this.now()).toISOString();
    const records = ids.map((id) => ({ id, title: this.storage.takeRemovedTitle(id), at }));
    this.removed = [...records, ...this.removed].slice(0, 20);
    const first = records[0]?.title ?? '';
    const message = records.length === 1 ? `您已无权查看「${first}」,已从本机移除` : `您已无权查看「${first}」等 ${records.length} 条记录,已从本机移除`;
    this.publish({ type: 'records-removed', records, message });
    this.publishStatus();
  }

  private publishStatus(): void {
    const status = this.status();
    const config = this.config;
    if (config && config === this.unnamed && status.state === 'online' && !this.asking) void this.learnUser(config);
    if (status.version === this.publishedVersion) return;
    this.publishedVersion = status.version;
    this.publish({ type: 'sync-status', status });
  }

  private publish(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A window that went away must not break sync.
      }
    }
  }

  private userFromToken(token: string): z.infer<typeof SyncUser> {
    const login = tokenLogin(token) ?? '';
    return { login, name: login, units: [], role: '' };
  }

  private presenceUser(): PresenceUser {
    const user = this.config ? (this.config.user ?? this.userFromToken(this.config.token)) : null;
    return { login: user?.login ?? '', name: user?.name ?? '', unit: user?.units[0] ?? '' };
  }

  private loadConfig(): SavedConfig | null {
    const raw = this.store.getMeta(CONFIG_KEY);
    if (raw === null) return null;
    try {
      const parsed = SavedConfig.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private saveConfig(): void {
    this.store.setMeta(CONFIG_KEY, this.config ? JSON.stringify(this.config) : null);
  }
}

/** `sync.*` for hosts without a sync binding (handler tests): nothing configured, nothing to do. */
export function offlineSyncHandlers(): Handlers['sync'] {
  const status: SyncStatusView = { state: 'disabled', server: null, user: null, pending: 0, lastSyncAt: null, error: null, removed: [], version: 0 };
  return {
    status: () => status,
    configure: () => {
      throw new Error('此运行方式不支持同步');
    },
    configureWithCertificate: () => {
      throw new AppError('UNSUPPORTED', '此运行方式不支持同步');
    },
    disconnect: () => status,
    viewing: ({ recordId }) => ({ recordId, users: [] }),
  };
}
