import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Actor } from '../core/supervision/actor';
import type { RecordEvent } from '../core/kernel/event';
import { signed } from '../core/sync/testing/record-events';
import { pkiPaths } from '../main/crypto/ca-files';
import { DemoPki } from '../main/crypto/demo-pki';
import { addUser, repoRoot, startSyncServer, tempDir, tokenFor } from '../main/sync/testing/server-process';

/** A server under test, in its own process (so its CPU and memory are its own). */
export interface BenchServer {
  kind: 'xietong' | 'reference';
  wsUrl: string;
  pid: number;
  /** Query parameters every client must send (the token for ours; nothing for the reference). */
  params: Record<string, string>;
  /** Peak resident memory so far, in MB (VmHWM), and current (VmRSS). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** The bench's writer: the 督查室's 林督查, who creates (立项) the benchmark's 督办 records. */
export const BENCH_ACTOR: Actor = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' };
/** An administrator, whose unsigned system imports (`system:*`) the server takes, as for the seed. */
export const BENCH_ADMIN = 'bench.admin';

export interface OursServer extends BenchServer {
  dataDir: string;
  tokenFor(login: string): string;
  /** Signs an event of record `name` with the actor's certificate from the bench's CA. */
  sign(name: string, event: RecordEvent): RecordEvent;
}

/**
 * Our server as in production: durable (fsync per commit batch), authenticated, and with
 * `--trust-ca` (a CA made for the run with the demo PKI tools), so every event is verified in the
 * measured path. Quieter logs; rate limits raised so the bench measures the server, not them.
 */
export async function startOurs(extraArgs: string[] = []): Promise<OursServer> {
  const dataDir = tempDir('xietong-bench-');
  const pki = DemoPki.open(path.join(dataDir, 'pki'));
  const p = pkiPaths(path.join(dataDir, 'pki'));
  addUser(dataDir, BENCH_ACTOR.login, { unit: BENCH_ACTOR.unit, name: BENCH_ACTOR.name });
  addUser(dataDir, BENCH_ADMIN, { unit: BENCH_ACTOR.unit, role: 'admin' });
  const token = tokenFor(dataDir, BENCH_ACTOR.login, 24 * 3600);
  const server = await startSyncServer({
    dataDir,
    areas: 'app',
    args: ['--log-level', 'warn', '--trust-ca', p.caCert, '--crl', p.crl, '--max-messages-per-second', '100000', '--message-burst', '100000', ...extraArgs],
  });
  return {
    kind: 'xietong',
    wsUrl: server.wsUrl,
    pid: server.child.pid!,
    params: { token },
    dataDir,
    tokenFor: (login) => tokenFor(dataDir, login, 24 * 3600),
    sign: (name, event) => signed(name, event, pki.identity(BENCH_ACTOR.login, BENCH_ACTOR)),
    memory: () => memoryOf(server.child.pid!),
    stop: async () => {
      await server.stop('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reference @y/websocket-server 0.1.x (no auth, no persistence), started the way its README says. */
export async function startReference(): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('running at')) {
        clearInterval(timer);
        resolve();
      }
    }, 25);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`reference server did not start: ${out}`));
    }, 20_000);
  });
  return {
    kind: 'reference',
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    params: {},
    memory: () => memoryOf(child.pid!),
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
