import { DirLock, DirLockedError } from '../node-shared/dir-lock';

/**
 * One server per data directory: two processes would each keep their own in-memory copies and
 * relay only to their own clients. The lock is held by the operating system
 * (node-shared/dir-lock.ts): a killed server leaves none behind, so a supervisor restarting it at
 * once always gets in.
 */
export class DataLock {
  private constructor(private readonly lock: DirLock) {}

  static acquire(dir: string): DataLock {
    try {
      return new DataLock(DirLock.acquire(dir, { file: 'sync-server.lock.db', legacyFile: 'sync-server.lock' }));
    } catch (err) {
      if (err instanceof DirLockedError) throw new Error(`数据目录正被另一个同步服务器进程使用:${dir}`);
      throw new Error(`无法锁定数据目录:${dir}(${err instanceof Error ? err.message : String(err)})`);
    }
  }

  release(): void {
    this.lock.release();
  }
}
