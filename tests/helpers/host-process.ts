import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starting a web host process. Kept apart from the typed client (web-host-process.ts) so the
 * Playwright tests, whose loader cannot import JSON modules without import attributes, do not
 * pull in core/ (core/calendar reads chinese-days' JSON).
 */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function tempDataDir(prefix = 'xietong-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface HostProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `npm run web` as a real process on a free loopback port and waits for its URL; `env` is added to this process's. */
export async function startHostProcess(dataDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<HostProcess> {
  // `node --import tsx` keeps the host in one process, so a signal reaches the process that owns the profile.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'main', 'web', 'cli.ts'), '--port', '0', '--data', dataDir, '--no-build', ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`web host exited (${code}) before listening:\n${log}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return {
    url,
    child,
    output: () => log,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

