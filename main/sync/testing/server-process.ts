import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserRole } from '../../../core/sync/acl';
import { issueToken, withAccounts } from '../admin';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface SyncServerProcess {
  port: number;
  /** ws://127.0.0.1:PORT */
  wsUrl: string;
  httpUrl: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (graceful) by default; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix = 'xietong-sync-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts the sync server as a real process on 127.0.0.1 (port 0 picks a free one) and waits
 * for its "listening" log line. Node runs the server itself (`--import tsx`), so a SIGKILL hits
 * the server and not a wrapper; an IPC channel makes it exit when the test process goes away.
 * `areas`: `test` (default) runs `sync-server/testing/test-cli.ts` — the same server with the
 * tests' `note` area added (core/sync/testing/note-area.ts); `app` runs `sync-server/cli.ts` as is.
 *
 * The server refuses to start without a trust configuration: unless `args` has `--trust-ca`, the
 * helper passes `--insecure-demo` (tests of other things than signatures), or nothing with
 * `insecureDemo: false` (to see the refusal).
 */
export async function startSyncServer(
  opts: { dataDir?: string; port?: number; args?: string[]; startTimeoutMs?: number; areas?: 'test' | 'app'; insecureDemo?: boolean } = {},
): Promise<SyncServerProcess> {
  const dataDir = opts.dataDir ?? tempDir();
  const entry = opts.areas === 'app' ? path.join(repoRoot, 'sync-server', 'cli.ts') : path.join(repoRoot, 'sync-server', 'testing', 'test-cli.ts');
  const extra = opts.args ?? [];
  const trust = extra.includes('--trust-ca') || opts.insecureDemo === false ? [] : ['--insecure-demo'];
  const args = ['--import', 'tsx', entry, '--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--data', dataDir, ...trust, ...extra];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"port":(\d+).*"msg":"listening"/.exec(log);
      if (m) {
        clearInterval(timer);
        // Only the start has a deadline: a test may use the server for as long as it likes.
        clearTimeout(deadline);
        resolve(Number(m[1]));
      }
    }, 25);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGKILL');
      reject(new Error(`sync server did not start:\n${log}`));
    }, opts.startTimeoutMs ?? 30_000);
    void exited.then((code) => {
      clearInterval(timer);
      clearTimeout(deadline);
      reject(new Error(`sync server exited (${code}) before listening:\n${log}`));
    });
  });
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    output: () => log,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Adds a user directly in the server's data directory (what `oa user add` does). */
export function addUser(dataDir: string, login: string, opts: { unit?: string; role?: UserRole; name?: string } = {}): void {
  withAccounts(dataDir, (a) => a.putUser({ login, name: opts.name ?? login, units: [opts.unit ?? '测试单位'], role: opts.role ?? 'staff' }));
}

/** A token for `login` (what `oa token` prints); `nowMs` in the past makes an expired one. */
export function tokenFor(dataDir: string, login: string, ttlSeconds = 3600, nowMs = Date.now()): string {
  return withAccounts(dataDir, (a) => issueToken(a, login, ttlSeconds, nowMs));
}
