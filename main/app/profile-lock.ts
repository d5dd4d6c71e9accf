import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/result';

/**
 * One process per profile: two processes writing the same store would keep diverging
 * in-memory documents. A lock file holds the owner's pid; a lock left by a killed
 * process (pid no longer alive) is taken over.
 */
export class ProfileLock {
  private constructor(private readonly file: string) {}

  static acquire(dir: string): ProfileLock {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'xietong.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new ProfileLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = Number.parseInt(readOrEmpty(file), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new AppError('STORE_LOCKED', `数据目录正被另一个协同办公进程(pid ${owner})使用:${dir}`);
      }
      fs.rmSync(file, { force: true });
    }
    throw new AppError('STORE_LOCKED', `无法锁定数据目录:${dir}`);
  }

  release(): void {
    try {
      if (readOrEmpty(this.file) === String(process.pid)) fs.rmSync(this.file, { force: true });
    } catch {
      // Releasing is best effort: a stale lock is taken over by the next start.
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
