import { parseServerUrl } from '../core/sync/server-url';
import { DEFAULT_MAX_BLOB_MIB, MAX_BLOB_MIB_CEILING, MiB } from '../core/blobs/limits';
import type { BlobLimits } from './blobs/upload';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { Durability } from './persistence/sqlite';

export interface ServerConfig {
  dataDir: string;
  port: number;
  host: string;
  durability: Durability;
  limits: Limits;
  /** Blob size and upload quotas (`--max-blob-mib`, `--blob-quota-mib-per-day`, `--blob-inflight-mib`). */
  blobs: BlobLimits;
  /** Unload a document this long after its last connection left. */
  idleMs: number;
  compactEvery: number;
  compactBytes: number;
  retainLogMs: number;
  /** Delay before a writer gets its acknowledging state vector (coalesces bursts). */
  ackDelayMs: number;
  /** How often access changes made by `oa` are looked for. */
  aclPollMs: number;
  /** Idle connections get a keepalive after this long (stock clients give up after 30 s). */
  keepaliveMs: number;
  /** Delay before multiplexed clients are told the newest sequence number after commits. */
  headDelayMs: number;
  loginTtlSeconds: number;
  /** Read every page of sync.db at start (`--integrity-check on|off`): damaged pages stop the start with a clear message. */
  integrityCheck: boolean;
  /** A login body not received within this long is answered 408 and its connection closed. */
  loginBodyTimeoutMs: number;
  /** Gateways whose X-Forwarded-For names the client, for per-address login limits (`--trusted-proxy`). */
  trustedProxies: string[];
  logLevel: string;
  /** PEM of the CA whose certificates sign 督办 events and log in (`--trust-ca`); off when unset. */
  trustCa?: string;
  /** PEM CRL of that CA (`--crl`): revoked signers are refused. */
  crl?: string;
  /**
   * The address clients dial (`--public-url`, normalised as the app does: ws(s)://host:port),
   * named in certificate-login challenges. Unset: ws://<host>:<port> of the listening socket,
   * unknown (certificate login off) when listening on every interface.
   */
  publicUrl?: string;
  /**
   * Run without a trust configuration (`--insecure-demo`): events are not checked against
   * signatures and certificate login is off. Without it, a server with no `trustCa` refuses to start.
   */
  insecureDemo?: boolean;
}

export const DEFAULTS: Omit<ServerConfig, 'dataDir'> = {
  port: 1234,
  host: '0.0.0.0',
  durability: 'full',
  limits: DEFAULT_LIMITS,
  blobs: { maxBlobBytes: DEFAULT_MAX_BLOB_MIB * MiB, dailyBytes: 4096 * MiB, inflightBytes: 1024 * MiB },
  idleMs: 30_000,
  compactEvery: 500,
  compactBytes: 1024 * 1024,
  retainLogMs: 7 * 24 * 3600 * 1000,
  ackDelayMs: 100,
  aclPollMs: 1000,
  keepaliveMs: 10_000,
  headDelayMs: 50,
  loginTtlSeconds: 12 * 3600,
  loginBodyTimeoutMs: 5000,
  trustedProxies: [],
  integrityCheck: true,
  logLevel: 'info',
};

export class ConfigError extends Error {}

function onOff(raw: string | undefined, fallback: boolean, name: string): boolean {
  if (raw === undefined) return fallback;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  throw new ConfigError(`--${name} 只能是 on 或 off`);
}

/** Flags without a value. */
const BOOLEAN_FLAGS = new Set(['insecure-demo']);

/** Why a server without a trust configuration does not start (the CLI and SyncServer.start). */
export const NO_TRUST =
  '未配置受信任的证书机构(--trust-ca CA.pem [--crl CRL.pem]),同步服务器拒绝启动:没有它,服务器不校验办理记录的签名,' +
  '任何登录用户都能以他人名义办理,也无法使用数字证书登录。正式部署请指定本单位 CA 的证书;仅供演示或测试时可加 --insecure-demo。';

/** `--name value` flags into a config; unknown flags are errors, so typos do not pass silently. */
export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ConfigError(`无法识别的参数:${arg}`);
    const eq = arg.indexOf('=');
    if (BOOLEAN_FLAGS.has(arg.slice(2))) flags.set(arg.slice(2), 'true');
    else if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else {
      const value = argv[i + 1];
      if (value === undefined) throw new ConfigError(`${arg} 需要一个值`);
      flags.set(arg.slice(2), value);
      i++;
    }
  }
  const take = (name: string) => {
    const v = flags.get(name);
    flags.delete(name);
    return v;
  };
  const int = (name: string, fallback: number) => {
    const raw = take(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new ConfigError(`--${name} 需要一个非负整数,收到 “${raw}”`);
    return n;
  };
  const dataDir = take('data') ?? env.SYNC_DATA_DIR;
  if (!dataDir) throw new ConfigError('需要 --data DIR(或设置 SYNC_DATA_DIR)');
  const durability = take('durability') ?? DEFAULTS.durability;
  if (durability !== 'full' && durability !== 'normal') throw new ConfigError('--durability 只能是 full 或 normal');
  const l = DEFAULTS.limits;
  const config: ServerConfig = {
    dataDir,
    port: int('port', DEFAULTS.port),
    host: take('host') ?? DEFAULTS.host,
    durability,
    limits: {
      maxMessageBytes: int('max-message-bytes', l.maxMessageBytes),
      messagesPerSecond: int('max-messages-per-second', l.messagesPerSecond),
      messageBurst: int('message-burst', l.messageBurst),
      bytesPerSecond: int('max-bytes-per-second', l.bytesPerSecond),
      byteBurst: int('byte-burst', l.byteBurst),
      maxDocsPerConnection: int('max-docs-per-connection', l.maxDocsPerConnection),
      maxBufferedBytes: int('max-buffered-bytes', l.maxBufferedBytes),
      maxTotalBufferedBytes: int('max-total-buffered-bytes', l.maxTotalBufferedBytes),
    },
    blobs: {
      maxBlobBytes: int('max-blob-mib', DEFAULTS.blobs.maxBlobBytes / MiB) * MiB,
      dailyBytes: int('blob-quota-mib-per-day', DEFAULTS.blobs.dailyBytes / MiB) * MiB,
      inflightBytes: int('blob-inflight-mib', DEFAULTS.blobs.inflightBytes / MiB) * MiB,
    },
    idleMs: int('idle-ms', DEFAULTS.idleMs),
    compactEvery: int('compact-every', DEFAULTS.compactEvery),
    compactBytes: int('compact-bytes', DEFAULTS.compactBytes),
    retainLogMs: int('retain-log-ms', DEFAULTS.retainLogMs),
    ackDelayMs: int('ack-delay-ms', DEFAULTS.ackDelayMs),
    aclPollMs: int('acl-poll-ms', DEFAULTS.aclPollMs),
    keepaliveMs: int('keepalive-ms', DEFAULTS.keepaliveMs),
    headDelayMs: int('head-delay-ms', DEFAULTS.headDelayMs),
    loginTtlSeconds: int('login-ttl-seconds', DEFAULTS.loginTtlSeconds),
    loginBodyTimeoutMs: int('login-body-timeout-ms', DEFAULTS.loginBodyTimeoutMs),
    trustedProxies: (take('trusted-proxy') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    integrityCheck: onOff(take('integrity-check'), DEFAULTS.integrityCheck, 'integrity-check'),
    logLevel: take('log-level') ?? env.LOG_LEVEL ?? DEFAULTS.logLevel,
  };
  if (config.blobs.maxBlobBytes < MiB || config.blobs.maxBlobBytes > MAX_BLOB_MIB_CEILING * MiB) throw new ConfigError(`--max-blob-mib 应在 1–${MAX_BLOB_MIB_CEILING} 之间`);
  const trustCa = take('trust-ca');
  const crl = take('crl');
  const insecureDemo = take('insecure-demo') !== undefined;
  if (crl !== undefined && trustCa === undefined) throw new ConfigError('--crl 需要与 --trust-ca 一起使用');
  if (trustCa === undefined && !insecureDemo) throw new ConfigError(NO_TRUST);
  if (trustCa !== undefined && insecureDemo) throw new ConfigError('--insecure-demo 与 --trust-ca 不能同时使用');
  if (insecureDemo) config.insecureDemo = true;
  if (trustCa !== undefined) config.trustCa = trustCa;
  if (crl !== undefined) config.crl = crl;
  const publicUrl = take('public-url');
  if (publicUrl !== undefined) {
    const parsed = parseServerUrl(publicUrl);
    if (!parsed.ok) throw new ConfigError(`--public-url:${parsed.message}`);
    config.publicUrl = parsed.url;
  }
  const unknown = [...flags.keys()];
  if (unknown.length > 0) throw new ConfigError(`未知参数:${unknown.map((f) => `--${f}`).join(' ')}`);
  return config;
}
