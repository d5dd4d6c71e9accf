import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
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

export async function startOurs(extraArgs: string[] = []): Promise<BenchServer & { dataDir: string }> {
  const dataDir = tempDir('xietong-bench-');
  addUser(dataDir, 'bench', { unit: '市政府办公厅' });
  const token = tokenFor(dataDir, 'bench', 24 * 3600);
  // Durable (fsync per commit batch) and authenticated, as in production; quieter logs.
  const server = await startSyncServer({ dataDir, args: ['--log-level', 'warn', '--max-messages-per-second', '100000', '--message-burst', '100000', ...extraArgs] });
  return {
    kind: 'xietong',
    wsUrl: server.wsUrl,
    pid: server.child.pid!,
    params: { token },
    dataDir,
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
