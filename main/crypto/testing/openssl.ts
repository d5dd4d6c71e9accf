/**
 * Helpers for tests that cross-check against the openssl CLI (imported only by *.test.ts); such
 * tests declare it with requireTool('openssl') (main/testing/require-tool.ts).
 */
import { spawn, spawnSync } from 'node:child_process';

/** Runs a shell script, resolving with stdout (rejecting with stderr on a non-zero exit). */
export function sh(script: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sh exited ${code}: ${err}`))));
  });
}

export function opensslSync(args: string[], input?: Uint8Array): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync('openssl', args, { input });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString() };
}
