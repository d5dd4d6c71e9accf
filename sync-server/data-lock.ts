import fs from 'node:fs';
import path from 'node:path';

/**
 * One server per data directory: two processes would each keep their own in-memory copies and
 * relay only to their own clients. A lock left by a killed process (pid gone) is taken over.
 */
export class DataLock {
  private constructor(private readonly file: string) {}

  static acquire(dir: string): DataLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'sync-server.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new DataLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = Number.parseInt(readOrEmpty(file), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new Error(`数据目录正被另一个同步服务器进程(pid ${owner})使用:${dir}`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new Error(`无法锁定数据目录:${dir}`);
  }

  release(): void {
    try {
      if (readOrEmpty(this.file) === String(process.pid)) fs.rmSync(this.file, { force: true });
    } catch {
      // Best effort: a stale lock is taken over by the next start.
    }
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
