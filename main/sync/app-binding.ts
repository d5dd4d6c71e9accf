import type { AppEvent } from '../../core/ipc/contract';
import type { Handlers } from '../../core/ipc/dispatch';
import type { PresenceUser, RemovedRecord, SyncStatusView, SyncUser } from '../../core/ipc/sync';
import { AppError } from '../../core/result';
import type { BlobServices } from '../blobs/services';
import type { Store } from '../store/store';
import { startBlobTransfer } from './blob-transfer';
import { SyncEngine, type SyncEngineOptions } from './engine';
import type { LoginKey } from './login-key';
import { PresenceHub } from './presence';
import { CONFIG_KEY, LOCKED_LOGIN_ERROR, pendingInMeta, readSavedLogin, writeSavedLogin, type LockedLogin, type SavedLogin } from './saved-login';
import { certificateLogin, normalizeServerUrl, passwordLogin, tokenLogin, whoAmI, type FetchLike } from './server-login';
import { StoreStorage } from './store-storage';
import type { SecretBox } from './token-box';

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
  /**
   * Seals the login token in the profile (token-box.ts): Electron passes the OS secret store.
   * Omitted (the web host): the token is kept as is. A login saved in plain text before is
   * sealed on the next start that has a box.
   */
  secrets?: SecretBox;
  /** The current identity's key for 数字证书 login (login-key.ts); omitted: that login is refused. */
  loginKey?: LoginKey;
  now?: () => number;
  /** The profile's blob store: attachments are uploaded and downloaded beside the engine (blob-transfer.ts). */
  blobs?: BlobServices;
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
  private config: SavedLogin | null = null;
  /** A saved login whose token this machine cannot open: shown as 登录已失效 until the next login. */
  private locked: LockedLogin | null = null;
  private engine: SyncEngine | null = null;
  private detachEngine: Array<() => void> = [];
  private removed: RemovedRecord[] = [];
  /** The content of the last status computed, and its version (see SyncStatusView.version). */
  private lastStatus = '';
  private statusVersion = 0;
  private publishedVersion = -1;
  /** A config from a token, whose user's name and units are still to be asked (`GET /auth/me`) once online. */
  private unnamed: SavedLogin | null = null;
  private asking = false;

  constructor(private readonly opts: SyncBindingOptions) {
    this.store = opts.store;
    this.fetch = opts.fetch ?? defaultFetch;
    this.now = opts.now ?? Date.now;
    this.storage = new StoreStorage(this.store);
    this.loadConfig();
    if (opts.connect) {
      const url = normalizeServerUrl(opts.connect.url);
      // A new token for the same user keeps the name and units learnt before (until refreshed).
      const sameUser = this.config?.url === url && this.config.user?.login === tokenLogin(opts.connect.token);
      this.config = { url, token: opts.connect.token, user: sameUser ? (this.config?.user ?? null) : null };
      this.locked = null;
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

  /** The 正文 editor's carets through the server's presence (main/editor/hub.ts). */
  get carets(): Pick<PresenceHub, 'edit' | 'relay' | 'onRemote'> {
    return this.presence;
  }

  /** The configured server (for app.info), or null. */
  server(): string | null {
    return this.config?.url ?? this.locked?.url ?? null;
  }

  /** The server and token services other than sync use (the 编号 service), or null when none is configured. */
  credentials(): { url: string; token: string } | null {
    if (this.locked) return { url: this.locked.url, token: '' };
    return this.config ? { url: this.config.url, token: this.config.token } : null;
  }

  /**
   * The account this profile is logged in with (also while its token needs a new login), or null:
   * the session acts as it (main/app/session.ts), so a synced profile never acts as someone else.
   */
  account(): SyncUser | null {
    if (this.config) return this.config.user ?? this.userFromToken(this.config.token);
    return this.locked?.user ?? null;
  }

  /** Whether the login token is sealed in the profile (for the host's start-up line). */
  tokenSealed(): boolean {
    return this.opts.secrets !== undefined;
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
    const locked = this.locked;
    if (!config && locked) {
      const pending = pendingInMeta((key) => this.storage.loadMeta(key));
      return { state: 'offline', server: locked.url, user: locked.user, pending, lastSyncAt: null, error: LOCKED_LOGIN_ERROR, needsLogin: true, removed: this.removed };
    }
    if (!config) return { state: 'disabled', server: null, user: null, pending: 0, lastSyncAt: null, error: null, needsLogin: false, removed: this.removed };
    return {
      state: engine?.state ?? 'offline',
      server: config.url,
      user: config.user ?? this.userFromToken(config.token),
      pending: engine?.pending ?? 0,
      lastSyncAt: engine?.lastSyncAt ? new Date(engine.lastSyncAt).toISOString() : null,
      error: engine?.error ?? null,
      needsLogin: engine?.needsLogin ?? false,
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
    const reply = await certificateLogin(this.fetch, wsUrl, (challenge) => key.answer(challenge, pin), { now: this.now });
    return this.adopt(wsUrl, reply);
  }

  /** A successful login of either kind: keep it in the profile and sync with it. */
  private adopt(wsUrl: string, reply: { token: string; user: SyncUser }): SyncStatusView {
    const config = { url: wsUrl, token: reply.token, user: reply.user };
    // Sealed before anything changes: a secret store that fails leaves the previous login as it was.
    const saved = writeSavedLogin(config, this.opts.secrets);
    this.stopEngine();
    this.config = config;
    this.locked = null;
    this.store.setMeta(CONFIG_KEY, saved);
    this.presence.setUser(this.presenceUser());
    this.startEngine(this.config);
    return this.status();
  }

  private disconnect(): SyncStatusView {
    this.stopEngine();
    this.config = null;
    this.locked = null;
    // The engine's bookkeeping stays: local edits keep being tracked (store-storage.ts) and a
    // later login to the same server as the same user resumes where this one stopped.
    this.store.setMeta(CONFIG_KEY, null);
    this.publishStatus();
    return this.status();
  }

  private startEngine(config: SavedLogin): void {
    const login = config.user?.login ?? tokenLogin(config.token) ?? '';
    const engine = new SyncEngine({ storage: this.storage, url: config.url, token: config.token, accountKey: `${config.url}#${login}`, ...this.opts.engine });
    this.engine = engine;
    this.detachEngine = [engine.on('status', () => this.publishStatus()), engine.on('revoked', (ids) => this.revoked(ids))];
    engine.start();
    if (this.opts.blobs) this.detachEngine.push(startBlobTransfer(engine, this.opts.blobs.store, config.url, config.token, this.opts.engine));
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
  private async learnUser(config: SavedLogin): Promise<void> {
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

  private userFromToken(token: string): SyncUser {
    const login = tokenLogin(token) ?? '';
    return { login, name: login, units: [], role: '' };
  }

  private presenceUser(): PresenceUser {
    const user = this.config ? (this.config.user ?? this.userFromToken(this.config.token)) : null;
    return { login: user?.login ?? '', name: user?.name ?? '', unit: user?.units[0] ?? '' };
  }

  /** The saved login, or `locked` when its token cannot be opened here (the stored value is left alone). */
  private loadConfig(): void {
    const loaded = readSavedLogin(this.store.getMeta(CONFIG_KEY), this.opts.secrets);
    if (loaded?.kind === 'locked') this.locked = loaded.login;
    if (loaded?.kind !== 'ready') return;
    this.config = loaded.login;
    // Saved in plain text before sealing existed: sealed now.
    if (loaded.resave !== null) this.store.setMeta(CONFIG_KEY, loaded.resave);
  }

  private saveConfig(): void {
    this.store.setMeta(CONFIG_KEY, this.config ? writeSavedLogin(this.config, this.opts.secrets) : null);
  }
}

/** `sync.*` for hosts without a sync binding (handler tests): nothing configured, nothing to do. */
export function offlineSyncHandlers(): Handlers['sync'] {
  const status: SyncStatusView = { state: 'disabled', server: null, user: null, pending: 0, lastSyncAt: null, error: null, needsLogin: false, removed: [], version: 0 };
  return {
    status: () => status,
    configure: () => {
      throw new AppError('UNSUPPORTED', '此运行方式不支持同步');
    },
    configureWithCertificate: () => {
      throw new AppError('UNSUPPORTED', '此运行方式不支持同步');
    },
    disconnect: () => status,
    viewing: ({ recordId }) => ({ recordId, users: [] }),
  };
}
