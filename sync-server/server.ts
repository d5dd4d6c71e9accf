import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import pino, { type Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { AccountRepository } from '../core/sync/accounts';
import { CloseCode, CloseReason, MUX_PATH, MUX_VERSION } from '../core/sync/protocol';
import { AccessControl } from './auth/access';
import { blobRefsIn } from './blobs/event-refs';
import { migrateLegacyFiles } from './blobs/migrate-files';
import { BlobService } from './blobs/service';
import { CertLogin, defaultPublicUrl } from './auth/cert-login';
import { passwordLogin, type LoginMethod } from './auth/login';
import { LoginGuard } from './auth/login-guard';
import { normalise } from './client-address';
import { ConfigError, DEFAULTS, NO_TRUST, type ServerConfig } from './config';
import type { Connection } from './connections/connection';
import { MuxConnection } from './connections/mux';
import { OutboundBudget } from './connections/outbound-budget';
import { StockConnection } from './connections/stock';
import type { ServerContext } from './context';
import { DataLock } from './data-lock';
import { LocalFanout, type Fanout } from './fanout';
import { FeedService } from './feed';
import { httpHandler } from './http-routes';
import { Metrics, type RejectReason } from './metrics';
import { SqliteDocStore } from './persistence/sqlite';
import { NumberAllocator } from './numbers/allocator';
import type { Room } from './rooms/room';
import { Rooms } from './rooms/rooms';
import { docNameFromPath } from '../core/sync/doc-name';
import type { AreaRegistry } from '../core/kernel/registry';
import { AREAS } from '../core/areas';
import { afterEventAppended, deriveOwnersOnce, syncEventOwners } from './events/owners';
import { RecordLogs } from './events/record-logs';
import { loadTrust } from './trust';
import { WritePipeline, type PendingWrite } from './write-pipeline';

export interface SyncServerOptions extends Partial<Omit<ServerConfig, 'dataDir'>> {
  dataDir: string;
  log?: Logger;
  fanout?: Fanout;
  now?: () => number;
  /** The areas events are judged by; default the app's (core/areas.ts). */
  registry?: AreaRegistry;
}

/**
 * The sync server: an HTTP server (health, metrics, login) whose upgrades become stock
 * y-websocket connections (`/<doc>`) or multiplexed ones (`/_sync`). Authentication happens
 * before the upgrade completes; a refused socket is closed with a code and reason and is sent
 * nothing else.
 */
export class SyncServer {
  private readonly connections = new Set<Connection>();
  private stopping: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private headTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly config: ServerConfig,
    readonly log: Logger,
    private readonly lock: DataLock,
    private readonly store: SqliteDocStore,
    readonly metrics: Metrics,
    private readonly ctx: ServerContext,
    private readonly fanout: Fanout,
    private readonly http: http.Server,
    private readonly wss: WebSocketServer,
    private readonly logins: Map<string, LoginMethod>,
  ) {}

  static async start(opts: SyncServerOptions): Promise<SyncServer> {
    const config: ServerConfig = { ...DEFAULTS, ...opts, limits: { ...DEFAULTS.limits, ...opts.limits } };
    if (!config.trustCa && !config.insecureDemo) throw new ConfigError(NO_TRUST);
    const log = opts.log ?? pino({ level: config.logLevel, base: { service: 'sync-server' } });
    const now = opts.now ?? Date.now;
    const lock = DataLock.acquire(config.dataDir);
    let store: SqliteDocStore;
    try {
      store = new SqliteDocStore({ dir: config.dataDir, durability: config.durability, integrityCheck: config.integrityCheck });
    } catch (err) {
      lock.release();
      throw err;
    }
    const metrics = new Metrics(now);
    const access = new AccessControl(new AccountRepository(store.db), now);
    const registry = opts.registry ?? AREAS;
    const blobs = new BlobService({ dataDir: config.dataDir, db: store.db, accounts: access.accounts, authenticate: (t) => access.authenticate(t), log, limits: config.blobs, now });
    await migrateLegacyFiles({ store, blobs, log, now, retainLogMs: config.retainLogMs });
    let server: SyncServer | null = null;
    // Owners derived from events are written after the commit that changed them; a crash in
    // between leaves them stale, so they are derived again whenever a record log is loaded.
    const records = new RecordLogs(store, registry, log, now, (loaded) => syncEventOwners(access.accounts, loaded));
    const rooms = new Rooms({
      store,
      records,
      log,
      metrics,
      idleMs: config.idleMs,
      compactEvery: config.compactEvery,
      compactBytes: config.compactBytes,
      retainLogMs: config.retainLogMs,
      now,
    });
    // Signed events and certificate login need a trusted CA; without one both are off.
    const eventTrust = config.trustCa ? loadTrust(config.trustCa, config.crl) : null;
    if (!eventTrust) log.warn('--insecure-demo: no --trust-ca, so signatures of workflow events are not checked and certificate login is off; for demonstrations and tests only');
    // Certificate-login challenges name this address; the default needs the port, known after listen.
    let publicUrl: string | null = config.publicUrl ?? null;
    const certLogin = eventTrust ? new CertLogin(eventTrust, access, () => publicUrl, now) : null;
    const pipeline = new WritePipeline(store, log, metrics, {
      committed: (writes) => server?.onCommitted(writes),
      eventCommitted: (write, result) => {
        afterEventAppended({ accounts: access.accounts, rooms, log }, write);
        // Who may read a blob follows the events that name it, as their authenticated actor wrote them.
        const refs = blobRefsIn(write.entry.data);
        if (refs) blobs.addRefs(result.docId, refs.sm3s, refs.actor);
      },
      logsFailed: (logs) => {
        for (const failed of logs) void records.reload(failed);
      },
    });
    const outbound = new OutboundBudget(config.limits.maxTotalBufferedBytes);
    metrics.bufferedBytes = () => outbound.bytes;
    metrics.bufferedBytesMax = () => outbound.peak;
    const ctx: ServerContext = { log, metrics, limits: config.limits, outbound, rooms, records, registry, pipeline, access, feed: new FeedService(store, access), ackDelayMs: config.ackDelayMs, now, eventTrust, blobs };
    const pendingFlag = store.db.prepare(`SELECT value FROM meta WHERE key = 'event_owners_pending'`);
    await deriveOwnersOnce({
      store,
      records,
      log,
      pending: () => pendingFlag.get() !== undefined,
      done: () => store.db.prepare(`DELETE FROM meta WHERE key = 'event_owners_pending'`).run(),
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes, perMessageDeflate: false });
    const logins = new Map<string, LoginMethod>();
    // Backstops for every request (the login routes cut slow bodies sooner): headers within 10 s,
    // the whole request within 30 s, checked every second rather than Node's 30 s.
    const httpServer = http.createServer(
      { headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 },
      httpHandler({
        log,
        metrics,
        access,
        logins,
        loginTtlSeconds: config.loginTtlSeconds,
        guard: new LoginGuard({ now }),
        bodyTimeoutMs: config.loginBodyTimeoutMs,
        trustedProxies: new Set(config.trustedProxies.map(normalise)),
        health: () => ({ connections: metrics.connections, loadedDocs: rooms.size }),
        blobs: (req, res) => blobs.handle(req, res),
        ...(certLogin ? { challenge: () => certLogin.challenge() } : {}),
        numbers: { access, allocator: new NumberAllocator(store.db), now, bodyTimeoutMs: config.loginBodyTimeoutMs },
      }),
    );
    server = new SyncServer(config, log, lock, store, metrics, ctx, opts.fanout ?? new LocalFanout(), httpServer, wss, logins);
    server.registerLogin('/auth/login', passwordLogin(access));
    if (certLogin) server.registerLogin('/auth/cert-login', certLogin.login);
    httpServer.on('upgrade', (req, socket, head) => server!.onUpgrade(req, socket as Socket, head));
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    publicUrl ??= defaultPublicUrl(config.host, server.port);
    if (certLogin && !publicUrl) log.warn({ host: config.host }, 'no --public-url while listening on every interface: certificate login is refused until it is given');
    server.startTimers();
    blobs.start();
    // Scripts wait for this line, so it is written even when info logging is turned off.
    const announce = log.isLevelEnabled('info') ? log.info.bind(log) : log.warn.bind(log);
    announce({ port: server.port, host: config.host, publicUrl, dataDir: config.dataDir, durability: config.durability }, 'listening');
    return server;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Adds a login method (e.g. the SM2 certificate login) at `POST path`. */
  registerLogin(path: string, method: LoginMethod): void {
    this.logins.set(path, method);
  }

  private onUpgrade(req: http.IncomingMessage, socket: Socket, head: Buffer): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (code: CloseCode, reason: RejectReason) => {
      this.metrics.reject(reason);
      this.wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, CloseReason[code]));
    };
    const auth = this.ctx.access.authenticate(url.searchParams.get('token'));
    if (!auth.ok) {
      this.log.info({ reason: auth.reason, path: url.pathname.slice(0, 100) }, 'refused: unauthenticated');
      return refuse(CloseCode.unauthenticated, 'unauthenticated');
    }
    const accept = (make: (ws: WebSocket) => Connection) =>
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        if (this.stopping) return ws.close(CloseCode.goingAway, CloseReason[CloseCode.goingAway]);
        const conn = make(ws);
        this.connections.add(conn);
        ws.on('close', () => this.connections.delete(conn));
      });
    if (url.pathname === MUX_PATH) {
      // An app from before events left the Y.Doc (v1) would write events nobody reads: tell it to update.
      if (url.searchParams.get('v') !== String(MUX_VERSION)) return refuse(CloseCode.unsupportedVersion, 'malformed');
      const session = url.searchParams.get('session');
      const sessionId = session && /^[A-Za-z0-9-]{8,64}$/.test(session) ? session : null;
      return accept((ws) => new MuxConnection(ws, auth.user, this.ctx, auth.exp, sessionId));
    }
    const name = docNameFromPath(url.pathname);
    if (!name) return refuse(CloseCode.badDocName, 'malformed');
    const role = this.ctx.access.roleFor(auth.user, name);
    if (!role) {
      this.log.info({ user: auth.user.login, doc: name }, 'refused: forbidden');
      return refuse(CloseCode.forbidden, 'forbidden');
    }
    accept((ws) => new StockConnection(ws, auth.user, this.ctx, auth.exp, name, role));
  }

  private onCommitted(writes: readonly PendingWrite[]): void {
    const touched = new Set<Room>();
    for (const w of writes) {
      if (w.type !== 'update') continue;
      if (w.seq !== undefined) this.fanout.publishUpdate(w.room.name, w.seq, w.update);
      touched.add(w.room);
    }
    for (const room of touched) this.ctx.rooms.maybeCompact(room);
    this.announceHead();
  }

  /** Tells multiplexed clients the newest sequence number (soon, coalesced): they fetch the feed. */
  private announceHead(): void {
    this.headTimer ??= setTimeout(() => {
      this.headTimer = null;
      void this.store.head().then((seq) => {
        for (const conn of this.connections) if (conn instanceof MuxConnection) conn.head(seq);
      });
    }, this.config.headDelayMs);
  }

  private startTimers(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    this.ctx.access.watch(this.config.aclPollMs, () => {
      this.log.info('access changed; re-checking open connections');
      for (const conn of this.connections) conn.recheckAccess();
      // Revocations and new grants reach engines through the feed; make them look now.
      this.announceHead();
    });
    every(Math.max(1000, Math.floor(this.config.idleMs / 2)), () => void this.ctx.rooms.sweep());
    every(Math.max(500, Math.floor(this.config.keepaliveMs / 2)), () => {
      const cutoff = this.ctx.now() - this.config.keepaliveMs;
      for (const conn of this.connections) if (conn.lastSentAt < cutoff) conn.keepalive();
    });
  }

  /** Graceful stop: refuse new sockets, flush commits, close sockets with 1001, compact, close the store. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.log.info({ connections: this.connections.size }, 'stopping');
      for (const t of this.timers) clearInterval(t);
      this.ctx.access.stop();
      this.ctx.blobs?.stop();
      this.http.close();
      await this.ctx.pipeline.flush();
      for (const conn of this.connections) conn.close(CloseCode.goingAway);
      await this.ctx.rooms.compactAll();
      await this.fanout.close();
      this.store.close();
      this.lock.release();
      this.http.closeAllConnections();
      this.log.info('stopped');
    })();
    return this.stopping;
  }
}
