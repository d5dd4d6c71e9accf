import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirLock, DirLockedError } from './dir-lock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A process holding the lock on `dir` until killed; resolves once it holds it. */
async function holder(dir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import { DirLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'dir-lock.ts'))}; DirLock.acquire(${JSON.stringify(dir)}, { file: 't.lock' }); console.log('held'); setInterval(() => {}, 1000);`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  return child;
}

describe('DirLock', () => {
  it('lets one holder in at a time, in one process as across processes', async () => {
    const dir = tempDir();
    const first = DirLock.acquire(dir, { file: 't.lock', waitMs: 50 });
    expect(() => DirLock.acquire(dir, { file: 't.lock', waitMs: 50 })).toThrow(DirLockedError);
    first.release();
    const child = await holder(dir);
    expect(() => DirLock.acquire(dir, { file: 't.lock', waitMs: 50 })).toThrow(DirLockedError);
    // The kernel drops the lock with the process, however it ends.
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    DirLock.acquire(dir, { file: 't.lock', waitMs: 0 }).release();
  });

  it('a racer paused half-way into acquire() does not keep another out (no lock-upgrade deadlock)', async () => {
    const dir = tempDir();
    DirLock.acquire(dir, { file: 't.lock' }).release();
    // The child opens the file, then stops just before taking the lock; meanwhile this process takes it.
    const script = `import { DirLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'dir-lock.ts'))};
      const pause = () => { console.log('paused'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); };
      try { DirLock.acquire(${JSON.stringify(dir)}, { file: 't.lock', waitMs: 1000, beforeLock: pause }); console.log('in'); } catch (e) { console.log('out ' + e.constructor.name); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const paused = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => (out += d.toString()).includes('paused') && resolve()));
    const exited = new Promise((r) => child.once('exit', r));
    await paused;
    const started = Date.now();
    let lock: DirLock | undefined;
    let refused = '';
    try {
      lock = DirLock.acquire(dir, { file: 't.lock', waitMs: 1000 });
    } catch (err) {
      refused = `${(err as Error).constructor.name} after ${Date.now() - started} ms`;
    }
    await exited;
    lock?.release();
    expect(refused).toBe('');
    expect(out).toContain('out DirLockedError');
  });

  it('removes a stale pid file of older versions once it holds the lock, and refuses a damaged lock file plainly', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'old.lock'), '12345');
    DirLock.acquire(dir, { file: 't.lock', legacyFile: 'old.lock' }).release();
    expect(fs.existsSync(path.join(dir, 'old.lock'))).toBe(false);
    fs.writeFileSync(path.join(dir, 't.lock'), '这不是数据库'.repeat(100));
    expect(() => DirLock.acquire(dir, { file: 't.lock' })).toThrow(/锁文件已损坏/);
  });
});
